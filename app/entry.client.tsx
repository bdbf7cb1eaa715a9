import { RemixBrowser } from '@remix-run/react';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { MESSAGES_ATTRIBUTE, MessagesContext, type MessageSource } from '~/i18n/messages-context';
import type { Messages } from '~/utils/i18n';

/**
 * Fetches the dictionaries the page preloaded (see message-files.server.ts), then hydrates. Should one fail to
 * load, the page is left as the server rendered it: everything on it works without JavaScript.
 */
async function loadMessages(): Promise<MessageSource> {
  const loaded = new Map<string, Messages>();
  const links = [...document.querySelectorAll<HTMLLinkElement>(`link[${MESSAGES_ATTRIBUTE}]`)];
  await Promise.all(
    links.map(async (link) => {
      const response = await fetch(link.href);
      if (!response.ok) throw new Error(`${link.href}: ${response.status}`);
      loaded.set(link.getAttribute(MESSAGES_ATTRIBUTE)!, (await response.json()) as Messages);
    }),
  );
  return (ns, locale) => loaded.get(`${ns}.${locale}`);
}

loadMessages().then(
  (messages) =>
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <MessagesContext.Provider value={messages}>
            <RemixBrowser />
          </MessagesContext.Provider>
        </StrictMode>,
      );
    }),
  (error: unknown) => console.error('not hydrating: a dictionary failed to load', error),
);

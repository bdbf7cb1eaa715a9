import { createContext, useContext, useEffect, useMemo } from 'react';
import { translator, type Locale, type Messages, type T } from '~/utils/i18n';

/** Dictionaries sent apart from a page's data (the debtor page's would otherwise ride in every response). */
export type MessageNamespace = 'debtor';

/**
 * Where a page finds such a dictionary: on the server, the bundled copy; in the browser, the JSON file the page
 * preloaded, fetched once (and cached for a year) before hydration (entry.client.tsx).
 */
export type MessageSource = (ns: MessageNamespace, locale: Locale) => Messages | undefined;

export const MessagesContext = createContext<MessageSource>(() => undefined);

/** Marks the preload link of a dictionary file, so the browser entry knows what to fetch before hydrating. */
export const MESSAGES_ATTRIBUTE = 'data-messages';

let reloading = false;

/**
 * A translator for `ns` in `locale`. In the browser the dictionary is there unless the language changed without a
 * document load (the language switch reloads the document); then the page reloads once to fetch it.
 */
export function useTranslator(ns: MessageNamespace, locale: Locale): T {
  const messages = useContext(MessagesContext)(ns, locale);
  useEffect(() => {
    if (!messages && !reloading) {
      reloading = true;
      window.location.reload();
    }
  }, [messages]);
  return useMemo(() => translator(locale, { fr: messages ?? {}, en: messages ?? {} }), [locale, messages]);
}

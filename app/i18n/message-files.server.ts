import { createHash } from 'node:crypto';
import { LOCALES, translator, type Locale, type Messages, type T } from '~/utils/i18n';
import { debtor } from './debtor';
import { debtorCases } from './debtor-cases';
import { MESSAGES_ATTRIBUTE, type MessageNamespace, type MessageSource } from './messages-context';

const dictionaries: Record<MessageNamespace, Record<Locale, Messages>> = {
  debtor: { fr: { ...debtor.fr, ...debtorCases.fr }, en: { ...debtor.en, ...debtorCases.en } },
};

/** Each file's JSON and a version from its content, so its URL can be cached for good. */
const files = new Map<string, { body: string; version: string }>();
for (const [ns, byLocale] of Object.entries(dictionaries)) {
  for (const locale of LOCALES) {
    const body = JSON.stringify(byLocale[locale]);
    files.set(`${ns}.${locale}`, {
      body,
      version: createHash('sha256').update(body).digest('hex').slice(0, 12),
    });
  }
}

export const serverMessages: MessageSource = (ns, locale) => dictionaries[ns]?.[locale];

/** A translator for loaders (a page title, say), from the server's copy. */
export function serverTranslator(ns: MessageNamespace, locale: Locale): T {
  return translator(locale, dictionaries[ns]);
}

/** The file for `debtor.fr.json` and the like, or null. */
export function messageFile(name: string): { body: string; version: string } | null {
  const match = /^([a-z]+\.[a-z]{2})\.json$/.exec(name);
  return (match && files.get(match[1]!)) ?? null;
}

/** A `meta` descriptor preloading the dictionary (entry.client.tsx fetches it before hydrating). */
export function messagesPreload(ns: MessageNamespace, locale: Locale) {
  const file = files.get(`${ns}.${locale}`)!;
  return {
    tagName: 'link' as const,
    rel: 'preload',
    as: 'fetch',
    crossOrigin: 'anonymous' as const,
    href: `/i18n/${ns}.${locale}.json?v=${file.version}`,
    [MESSAGES_ATTRIBUTE]: `${ns}.${locale}`,
  };
}

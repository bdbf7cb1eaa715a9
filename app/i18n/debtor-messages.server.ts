import type { Locale, Messages } from '~/utils/i18n';
import { debtor } from './debtor';

/**
 * The debtor page's messages in one language. The loader sends them with the page's data, so the browser gets only
 * the language it reads, and the page's JavaScript stays within its budget (a `.server` file: never bundled).
 */
export function debtorMessages(locale: Locale): Messages {
  return debtor[locale];
}

import type { Locale } from '~/utils/i18n';

/** What an acceptance letter may quote from its invoice. */
export const LETTER_PLACEHOLDERS = [
  'customer_name',
  'business_name',
  'contract_reference',
  'deliverables',
  'delivery_date',
  'invoice_number',
] as const;
export type LetterPlaceholder = (typeof LETTER_PLACEHOLDERS)[number];
export type LetterVars = Record<LetterPlaceholder, string>;

export const LETTER_TITLE_MAX = 200;
export const LETTER_BODY_MAX = 8000;

/** The wording a business starts from (seed 001, step 2: short, and not so strict that customers refuse it). */
export const DEFAULT_LETTER: Record<Locale, { title: string; body: string }> = {
  fr: {
    title: 'Procès-verbal de réception',
    body: [
      'Je soussigné(e), agissant pour le compte de {{customer_name}}, atteste avoir reçu de {{business_name}}, le {{delivery_date}}, les prestations suivantes, commandées selon le contrat ou bon de commande {{contract_reference}} :',
      '{{deliverables}}',
      'Ces prestations ont été livrées conformément à ce qui avait été convenu. Je n’ai pas de réserve à formuler à la date de ma signature.',
      'Ce procès-verbal se rapporte à la facture {{invoice_number}}.',
    ].join('\n\n'),
  },
  en: {
    title: 'Acceptance letter',
    body: [
      'I, the undersigned, acting on behalf of {{customer_name}}, confirm that on {{delivery_date}} {{business_name}} delivered the following, ordered under contract or purchase order {{contract_reference}}:',
      '{{deliverables}}',
      'Everything was delivered as agreed. I have no reservation to state as of the date of my signature.',
      'This letter relates to invoice {{invoice_number}}.',
    ].join('\n\n'),
  },
};

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;
const known = new Set<string>(LETTER_PLACEHOLDERS);

/** `{{name}}` placeholders in a template that are not known (for the editor's validation). */
export function unknownLetterPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(TOKEN)) if (!known.has(match[1]!)) unknown.add(`{{${match[1]}}}`);
  const rest = text.replace(TOKEN, '');
  if (rest.includes('{{') || rest.includes('}}')) unknown.add('{{');
  return [...unknown];
}

/** The letter as the debtor reads and signs it: title, blank line, body with its placeholders filled. */
export function fillLetter(template: { title: string; body: string }, vars: LetterVars): string {
  const fill = (text: string) =>
    text.replace(TOKEN, (whole, name: string) => (known.has(name) ? vars[name as LetterPlaceholder] : whole));
  return `${fill(template.title).trim()}\n\n${fill(template.body).replace(/\r\n?/g, '\n').trim()}`;
}

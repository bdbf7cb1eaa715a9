import { translator, type Dictionary, type Locale } from '~/utils/i18n';
import { PLACEHOLDERS, type Placeholder } from './types';

/** What each placeholder becomes, filled for one invoice on one date. */
export type TemplateVars = Record<Placeholder, string>;

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;
const known = new Set<string>(PLACEHOLDERS);

const copy: Dictionary = {
  fr: {
    'placeholder.unknown': '« {token} » n’est pas une variable connue. Variables possibles : {list}.',
    'placeholder.empty': '« {{}} » est vide : écrivez le nom d’une variable entre les accolades.',
    'placeholder.unbalanced':
      'Accolades mal fermées : une variable s’écrit entre doubles accolades, par exemple {{invoice_number}}.',
    'placeholder.customer_name': 'le nom du client',
    'placeholder.business_name': 'le nom de votre entreprise',
    'placeholder.invoice_number': 'le numéro de la facture',
    'placeholder.amount_due': 'le montant restant dû',
    'placeholder.due_date': 'la date d’échéance',
    'placeholder.days_late': 'le nombre de jours de retard',
    'placeholder.penalties_total': 'les pénalités de retard à ce jour (intérêts et indemnité de 40 €)',
    'placeholder.notice_deadline': 'la date limite de paiement de la mise en demeure (8 jours)',
  },
  en: {
    'placeholder.unknown': '“{token}” is not a known placeholder. Placeholders you can use: {list}.',
    'placeholder.empty': '“{{}}” is empty: write a placeholder name between the braces.',
    'placeholder.unbalanced':
      'Unbalanced braces: a placeholder is written between double braces, for example {{invoice_number}}.',
    'placeholder.customer_name': 'the customer’s name',
    'placeholder.business_name': 'your business’s name',
    'placeholder.invoice_number': 'the invoice number',
    'placeholder.amount_due': 'the amount still due',
    'placeholder.due_date': 'the due date',
    'placeholder.days_late': 'the number of days late',
    'placeholder.penalties_total': 'the late-payment penalties to date (interest and the €40 indemnity)',
    'placeholder.notice_deadline': 'the payment deadline of the formal notice (8 days)',
  },
};

/** A sentence saying what `{{name}}` stands for, for the editor's help text. */
export function describePlaceholder(name: Placeholder, locale: Locale): string {
  return translator(locale, copy)(`placeholder.${name}`);
}

/**
 * Why a step's subject or body cannot be saved as written, one bilingual message per problem (empty when it is
 * fine): an unknown `{{name}}`, an empty `{{}}`, or braces left open. `{{ name }}` with spaces is accepted.
 */
export function templateProblems(text: string, locale: Locale): string[] {
  const t = translator(locale, copy);
  const problems = new Set<string>();
  const list = PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ');
  for (const match of text.matchAll(TOKEN)) {
    const name = match[1]!;
    if (!name) problems.add(t('placeholder.empty'));
    else if (!known.has(name)) problems.add(t('placeholder.unknown', { token: `{{${name}}}`, list }));
  }
  const rest = text.replace(TOKEN, '');
  if (rest.includes('{{') || rest.includes('}}')) problems.add(t('placeholder.unbalanced'));
  return [...problems];
}

/**
 * The text with every known placeholder replaced by its value, as plain text (callers that build HTML let React
 * escape it). An unknown placeholder, which validation keeps out of saved steps, is left as written.
 */
export function fillTemplate(text: string, vars: TemplateVars): string {
  return text.replace(TOKEN, (whole, name: string) => (known.has(name) ? vars[name as Placeholder] : whole));
}

/** A filled body as paragraphs (split on blank lines), each a list of lines (split on single line breaks). */
export function paragraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((line) => line.trim()))
    .map((lines) => lines.filter(Boolean))
    .filter((lines) => lines.length > 0);
}

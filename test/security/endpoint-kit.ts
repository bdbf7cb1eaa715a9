/**
 * What the security route table is made of: who may call a route, an entry's shape, and the value generators
 * (valid and refused) the entries share; endpoints.ts, admin-invoice-endpoints.ts and
 * admin-account-endpoints.ts hold the entries.
 */
import fc from 'fast-check';
import { addDaysIso, todayIn } from '~/utils/dates';
import { encodeField, hostileString, MALICIOUS, WRONG_TYPES } from './hostile';
import type { Side, World } from './world';

/**
 * public: anyone; debtor: a live invoice or statement token in the path; token: a live invitation or password-reset
 * token in the path (no session; a dead one gets 404 like a debtor's); admin: any signed-in user of the business;
 * owner: the owner only (staff get 403); webhook: a provider's signed request.
 */
export type Access = 'public' | 'debtor' | 'token' | 'admin' | 'owner' | 'webhook';

/** A bearer token in the path is the only credential. */
export const isBearer = (e: { access: Access }) => e.access === 'debtor' || e.access === 'token';

export type Fields = Record<string, fc.Arbitrary<string>>;

export type Endpoint = {
  /** The file under app/routes/ that answers (several entries may share one). */
  route: string;
  method: 'GET' | 'POST';
  /** With :name placeholders, filled from `params`. */
  path: string;
  params?: (s: Side) => Record<string, string>;
  access: Access;
  /** Query parameters the loader reads: fuzzed, never a 5xx. */
  query?: string[];
  /** A POST form: each field's valid values (the CSRF token is added by the suite). */
  fields?: (s: Side, today: string) => Fields;
  /**
   * Values each named field must refuse (others get valid or hostile values): the answer is a 4xx, nothing is
   * written. `w` gives the stranger's ids (business B), which must be refused like junk.
   */
  refused?: (s: Side, w: World, today: string) => Fields;
  /** Fields whose refusal is shown beside the field on the page (a plain HTML form post). */
  beside?: string[];
  /** A POST that never writes (a preview): hostile input gives any non-5xx answer, still with nothing written. */
  readOnly?: boolean;
  /** Pages whose answer is a document a browser renders (for the header suite): page, pdf, json, js, redirect. */
  kind?: 'page' | 'pdf' | 'json' | 'script' | 'redirect' | 'html' | 'image';
};

export const oneOf = (...values: string[]) => fc.constantFrom(...values);
export const text = (max: number) =>
  fc.string({ minLength: 1, maxLength: Math.min(max, 60) }).filter((v) => v.trim() !== '');
export const tooLong = (max: number) =>
  fc.integer({ min: max + 1, max: max + 2000 }).map((n) => 'x'.repeat(n));
// NUL is refused for the whole form (app/utils/form.server.ts), not beside a field: hostileString covers it.
export const blank = oneOf('', ' ', '\t');
// NUL-bearing values are refused for the whole form, so they cannot stand for a refusal beside one field.
export const notOneOf = (...allowed: string[]) =>
  hostileString.filter((v) => !allowed.includes(v.trim()) && !allowed.includes(v) && !v.includes('\u0000'));
export const badAmount = fc.oneof(
  oneOf(
    '-1',
    '-0.01',
    '0',
    '-0',
    '1e309',
    'NaN',
    'Infinity',
    '0x10',
    '9'.repeat(400),
    '1e3',
    'abc',
    '<b>1</b>',
  ),
  fc.constantFrom(...WRONG_TYPES, ...MALICIOUS.filter((m) => m.trim() !== '' && !m.includes('\u0000'))),
);
export const badDate = (today: string) =>
  fc.oneof(
    oneOf(
      '2026-02-30',
      '2026-13-01',
      '0000-00-00',
      '99999-01-01',
      '2026-1-1',
      '01/02/2026',
      'yesterday',
      '1e9',
    ),
    fc.constantFrom(...MALICIOUS.filter((m) => m.trim() !== '' && !m.includes('\u0000'))),
    fc.constant(addDaysIso(today, -400)),
  );
export const datesFrom = (today: string, days: number) =>
  fc.integer({ min: 0, max: days }).map((n) => addDaysIso(today, n));

export const debtor = (s: Side) => ({ token: s.open.token });
export const statement = (s: Side) => ({ token: s.statementToken });
export const customer = (s: Side) => ({ id: s.customerId });
export const password = oneOf('correct-horse-battery-staple');
export const badEmail = notOneOf().filter((v) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.trim()));
export const customerFields = () => ({
  name: text(200),
  country: oneOf('FR', 'be'),
  locale: oneOf('fr', 'en'),
  currency: oneOf('', 'EUR', 'USD'),
  termsDays: oneOf('', '30', '365'),
  depositPercent: oneOf('30', '1', '99'),
  addressLine1: fc.string({ maxLength: 200 }),
  notes: fc.string({ maxLength: 200 }),
});
export const customerRefused = () => ({
  name: fc.oneof(blank, tooLong(200)),
  country: fc.oneof(oneOf('F', 'FRA', '12', '<b>'), blank),
  locale: notOneOf('fr', 'en'),
  currency: notOneOf('', 'EUR', 'USD', 'GBP', 'CHF'),
  termsDays: oneOf('366', '-1', 'abc', '1.5', '1e2', '9999'),
  depositPercent: oneOf('0', '100', '', 'abc', '-5', '1.5'),
  addressLine1: tooLong(200),
  notes: tooLong(2000),
});

/** Fills a path's :params. */
export function pathOf(e: Endpoint, params: Record<string, string> = {}): string {
  return e.path.replace(/:([a-zA-Z]+)/g, (_, name: string) => encodeField(params[name] ?? ''));
}

export function todayOf(): string {
  return todayIn('Europe/Paris');
}

export const isForm = (e: Endpoint) => e.method === 'POST' && e.fields !== undefined;

/** Hostile values, hostile bodies and the "nothing was written" check the security suites share. */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { db } from '~/utils/db.server';

/** Markup, SQL, template and path fragments an attacker types into any field. */
export const MALICIOUS = [
  '<script>alert(1)</script>',
  '</script><script>alert(document.cookie)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1",
  "'; DROP TABLE invoices; --",
  '1; SELECT pg_sleep(5)--',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '../../../../etc/passwd',
  '=HYPERLINK("http://evil.test","x")',
  "+cmd|' /C calc'!A0",
  'javascript:alert(1)',
  '\u0000',
  'a\u0000b',
  '\u202egnp.exe',
  '\r\nSet-Cookie: x=1',
  '\t',
  '\ud800',
  'x\udfffy',
  '🧾💶',
  '',
  ' ',
];

/** Numbers a form should refuse or bound: huge, negative, exponent, other scripts' digits, not numbers at all. */
export const NUMBERISH = [
  '-1',
  '-0.01',
  '0',
  '-0',
  '1e3',
  '1E-7',
  '1e309',
  '9'.repeat(400),
  '9007199254740993',
  '0x10',
  'NaN',
  'Infinity',
  '-Infinity',
  '1,000,000.00',
  '1.000.000,00',
  '١٢٣',
  '0.001',
  '12.345',
  '1 000',
  '+5',
];

/** What a badly written client sends for a typed field. */
export const WRONG_TYPES = ['[object Object]', 'true', 'null', 'undefined', '{}', '[]', '{"a":1}', '[1,2]'];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...MALICIOUS) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERISH) },
  { weight: 1, arbitrary: fc.constantFrom(...WRONG_TYPES) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('a', '<', '\u0000', 'é', '9'), fc.integer({ min: 1_001, max: 60_000 }))
      .map(([c, n]) => c.repeat(n)),
  },
  { weight: 1, arbitrary: fc.uuid() },
);

/** A uuid-shaped value that names nothing, or something that is not a uuid at all. */
/** Never blank: an empty optional id (no box ticked, no filter) is a valid request, not junk. */
export const junkId: fc.Arbitrary<string> = fc
  .oneof(
    fc.uuid(),
    fc.constantFrom(
      '0',
      '-1',
      'null',
      "1' OR 1=1--",
      '00000000-0000-0000-0000-00000000000g',
      '%00',
      'x'.repeat(300),
    ),
    hostileString,
  )
  .filter((v) => v.trim() !== '');

/** Percent-encodes like a browser, except that lone surrogates go out as the raw (invalid) UTF-8 they would be. */
export function encodeField(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out +=
        `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    } else out += encodeURIComponent(char);
  }
  return out;
}

export function urlencoded(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${encodeField(k)}=${encodeField(v)}`).join('&');
}

/** Bodies that are not the urlencoded form the route expects. `csrf` is a valid token, so only the body is wrong. */
export function malformedBodies(csrf: string): { name: string; type: string; body: string | Buffer }[] {
  const form = `csrf=${encodeURIComponent(csrf)}`;
  return [
    { name: 'json', type: 'application/json', body: JSON.stringify({ csrf, intent: 'pay', amount: -1 }) },
    { name: 'text', type: 'text/plain', body: `${form}&intent=pay` },
    { name: 'xml', type: 'application/xml', body: `<form><csrf>${csrf}</csrf></form>` },
    {
      name: 'multipart without boundary',
      type: 'multipart/form-data',
      body: `--x\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n--x--\r\n`,
    },
    {
      name: 'truncated multipart',
      type: 'multipart/form-data; boundary=zzz',
      body: `--zzz\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n--zzz\r\nContent-Disposition: form-da`,
    },
    {
      name: 'broken percent-encoding',
      type: 'application/x-www-form-urlencoded',
      body: `${form}&a=%ZZ%&%%%=`,
    },
    {
      name: 'invalid utf-8',
      type: 'application/x-www-form-urlencoded',
      body: Buffer.from([0xff, 0xfe, 0x3d, 0xc3]),
    },
    {
      name: 'huge urlencoded',
      type: 'application/x-www-form-urlencoded',
      body: `${form}&intent=${'x'.repeat(2_000_000)}`,
    },
    {
      name: 'many fields',
      type: 'application/x-www-form-urlencoded',
      body: `${form}&${Array.from({ length: 20_000 }, (_, i) => `f${i}=1`).join('&')}`,
    },
  ];
}

/**
 * A fingerprint of every business row: one md5 per table over all its rows (events included). Only the rate
 * limiter's counters and the migration journal may change under a refused request.
 */
let fingerprintSql: string | undefined;
/** A token visit records one deduplicated "viewed" event by design (load-invoice-by-token); nothing else may appear. */
const VISITS_EXCLUDED = `(SELECT * FROM events WHERE type <> 'invoice.viewed')`;
export async function dbFingerprint(): Promise<Record<string, string>> {
  if (!fingerprintSql) {
    const tables = await db().execute<{ tablename: string }>(
      sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('rate_limits', '__drizzle_migrations') ORDER BY 1`,
    );
    fingerprintSql = tables
      .map(
        ({ tablename }) =>
          `SELECT '${tablename}' AS t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS f FROM ${tablename === 'events' ? VISITS_EXCLUDED : `"${tablename}"`} x`,
      )
      .join(' UNION ALL ');
  }
  const rows = await db().execute<{ t: string; f: string }>(sql.raw(fingerprintSql));
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

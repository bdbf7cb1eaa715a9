/**
 * What people type is shown back as text everywhere: on the debtor and admin pages, in the emails we send, in the
 * PDFs (read back with pdftotext), and, once a CSV export exists, in CSV cells with formula injection neutralised.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { business, customers, emails } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { createCustomer, createIssuedInvoice } from '../factories';
import type { HttpResponse } from '../setup/http';
import { CSV_EXPORTS } from './endpoints';
import { expectNoSecretsLogged, freshIp, startHarness, stopHarness, type Harness } from './harness';

/** Markup that must stay text: tags, a script end, both quotes, an entity, a template and a formula. */
const EVIL = `</script><script>alert("x")</script><img src=x onerror='alert(1)'>&amp;{{7*7}}`;
const EVIL_NAME = `"><svg onload=alert(1)> O'Brien & Co`;

let h: Harness;
let invoice: Awaited<ReturnType<typeof createIssuedInvoice>>;
beforeAll(async () => {
  h = await startHarness();
  await db().update(business).set({ name: EVIL_NAME }).where(eq(business.id, h.world.a.businessId));
  await db().update(customers).set({ name: EVIL_NAME }).where(eq(customers.id, h.world.a.customerId));
  invoice = await createIssuedInvoice({
    businessId: h.world.a.businessId,
    customerId: h.world.a.customerId,
    purchaseOrder: EVIL.slice(0, 90),
    lines: [
      { description: EVIL, quantityMilli: 1000, unit: '<b>u', unitPriceMinor: 10_000, taxRateBps: 2000 },
    ],
  });
  // Rows whose text a spreadsheet would run as formulas, for the CSV exports to show.
  const formula = await createCustomer(h.world.a.businessId, { name: '=HYPERLINK("http://evil.test","x")' });
  await createIssuedInvoice({
    businessId: h.world.a.businessId,
    customerId: formula.id,
    purchaseOrder: '+1+1',
    lines: [{ description: '@SUM(1+1)', quantityMilli: 1000, unitPriceMinor: 500, taxRateBps: 0 }],
  });
}, 90_000);
afterAll(() => stopHarness(h));

/** No live markup from the hostile values: every tag they carry arrives escaped. */
function expectEscaped(html: string, what: string, shown = true) {
  expect(html, what).not.toContain('<script>alert');
  expect(html, what).not.toContain('<img src=x');
  expect(html, what).not.toContain('<svg onload');
  expect(html, what).not.toMatch(/<b>u/);
  // Shown, as text.
  if (shown) expect(html.includes('&lt;/script&gt;') || html.includes('\\u003c/script'), what).toBe(true);
}

const page = (res: HttpResponse) => {
  expect(res.status, res.body.slice(0, 300)).toBe(200);
  return res.body;
};

describe('pages', () => {
  test('the debtor page and its subpages', async () => {
    for (const sub of ['', '/dispute', '/promise', '/plan']) {
      const html = page(await h.debtor.get(`/i/${invoice.token}${sub}`, { headers: freshIp() }));
      // The lines are on the page itself and on the dispute form; the other pages name only the parties.
      expectEscaped(html, `/i/<token>${sub}`, sub === '' || sub === '/dispute');
    }
  });

  test('admin pages', async () => {
    for (const p of [
      `/admin/invoices/${invoice.invoiceId}`,
      '/admin/invoices',
      '/admin/customers',
      `/admin/customers/${h.world.a.customerId}`,
    ]) {
      const html = page(await h.admin.get(p, { headers: freshIp() }));
      expect(html, p).not.toContain('<svg onload');
      if (p.includes('/invoices/')) expectEscaped(html, p);
    }
  });
});

describe('emails', () => {
  test('the invoice email carries the names as text', async () => {
    const [email] = await db()
      .select()
      .from(emails)
      .where(and(eq(emails.invoiceId, invoice.invoiceId), eq(emails.businessId, h.world.a.businessId)));
    expect(email).toBeDefined();
    const html = (email as unknown as { html: string }).html;
    expect(html).toContain('O&#x27;Brien &amp; Co');
    expect(html).not.toContain('<svg onload');
    expect(email!.subject).toContain(EVIL_NAME.trim());
    expect(email!.subject).not.toMatch(/[\r\n]/);
  });
});

describe('PDFs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'acquit-pdf-'));
  const text = (bytes: Buffer, name: string) => {
    const file = path.join(dir, `${name}.pdf`);
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  };

  test('the invoice PDF prints hostile text verbatim (nothing interpreted, nothing lost)', async () => {
    const res = await h.debtor.get(`/i/${invoice.token}/pdf`, { headers: freshIp() });
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const content = text(res.bytes, 'invoice').replace(/\s+/g, ' ');
    expect(content).toContain(`O'Brien & Co`);
    expect(content).toContain('<script>alert("x")</script>');
    expect(content).toContain("onerror='alert(1)'");
  });

  test('the file name of a download cannot be steered by what was typed', async () => {
    const res = await h.debtor.get(`/i/${invoice.token}/pdf`, { headers: freshIp() });
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^(attachment|inline); filename="[^"\r\n]+"/);
    expect(disposition).not.toContain('<');
  });
});

/**
 * A CSV cell is safe when a spreadsheet cannot read it as a formula: a cell starting with = + - @ tab or CR is
 * prefixed (with ') or the value otherwise neutralised.
 */
export function unsafeCsvCells(csv: string): string[] {
  const cells: string[] = [];
  const re = /(?:^|,)("(?:[^"]|"")*"|[^,\r\n]*)/g;
  for (const line of csv.split(/\r?\n/)) {
    for (const m of line.matchAll(re)) {
      const raw = m[1] ?? '';
      const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw;
      if (/^[=+\-@\t\r]/.test(value) && !/^-?\d+([.,]\d+)?$/.test(value)) cells.push(value);
    }
  }
  return cells;
}

describe('CSV exports', () => {
  test('formula injection is neutralised in every CSV export listed in CSV_EXPORTS', async () => {
    // The checker itself: it must catch what it is for, and pass numbers and neutralised cells.
    expect(unsafeCsvCells('name,amount\r\n"=HYPERLINK(""x"")",-12.50\r\n@SUM(A1),+1\r\n"\tx",ok')).toEqual([
      '=HYPERLINK("x")',
      '@SUM(A1)',
      '+1',
      '\tx',
    ]);
    expect(unsafeCsvCells(`name\r\n"'=HYPERLINK(""x"")"\r\n'@x\r\n-3`)).toEqual([]);
    for (const exportOf of CSV_EXPORTS) {
      const res = await h.admin.get(exportOf.path(h.world.a), { headers: freshIp() });
      expect(res.status, exportOf.path(h.world.a)).toBe(200);
      expect(unsafeCsvCells(res.body), exportOf.path(h.world.a)).toEqual([]);
    }
  });
});

test('nothing this suite did put a token, cookie, password or secret in the log', () => {
  expectNoSecretsLogged(h.app.logs(), [...h.secrets(), invoice.token]);
});

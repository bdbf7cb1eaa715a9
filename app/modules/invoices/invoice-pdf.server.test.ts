import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { LOGO_PNG, pdfImages } from '../../../test/support/pdf';
import { formatQuantity, renderInvoicePdf } from './invoice-pdf.server';
import { computeTotals } from './totals';
import type { InvoiceLineView, InvoiceView } from './types';

const dir = mkdtempSync(join(tmpdir(), 'invoice-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pdfTool(tool: 'pdftotext' | 'pdfinfo', pdf: Buffer): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync(tool, tool === 'pdftotext' ? ['-layout', file, '-'] : [file], { encoding: 'utf8' });
}

/** pdftotext keeps no-break spaces and line layout; assertions compare with all whitespace collapsed. */
const squash = (s: string) => s.replace(/\s+/g, ' ');

function line(
  position: number,
  description: string,
  quantityMilli: number,
  unitPriceMinor: number,
  taxRateBps: number,
  unit: string | null = null,
): InvoiceLineView {
  const [lineTotalMinor] = computeTotals([{ quantityMilli, unitPriceMinor, taxRateBps }]).lineTotals;
  return {
    id: `line-${position}`,
    position,
    description,
    quantityMilli,
    unit,
    unitPriceMinor,
    taxRateBps,
    lineTotalMinor: lineTotalMinor!,
  };
}

function buildView(overrides: Partial<InvoiceView> = {}): InvoiceView {
  const lines = overrides.lines ?? [
    line(
      1,
      'Développement du site vitrine (maquettes, intégration, recette sur mobile et ordinateur)',
      12_500,
      45_000,
      2000,
      'jours',
    ),
    line(2, 'Hébergement annuel', 1000, 24_000, 2000),
    line(3, 'Livres techniques', 3000, 3250, 550),
  ];
  const totals = computeTotals(lines);
  const paidMinor = overrides.paidMinor ?? 100_000;
  return {
    id: 'inv-1',
    businessId: 'biz-1',
    customerId: 'cus-1',
    number: '2026-000123',
    status: 'open',
    currency: 'EUR',
    issueDate: '2026-11-12',
    dueDate: '2026-12-12',
    termsDays: 30,
    purchaseOrder: 'PO-88412',
    notes: null,
    subtotalMinor: totals.subtotalMinor,
    taxMinor: totals.taxMinor,
    totalMinor: totals.totalMinor,
    penaltyRateBps: null,
    recoveryIndemnityMinor: 4000,
    seller: {
      name: 'Atelier Dupont',
      legalForm: 'SARL au capital de 10 000 €',
      siren: '123 456 789',
      vatNumber: 'FR32123456789',
      addressLines: ['12 rue des Lilas', '69003 Lyon'],
      country: 'FR',
      email: 'compta@atelier-dupont.fr',
      phone: '+33 4 78 00 00 00',
    },
    buyer: {
      name: 'Boulangerie Martin',
      legalForm: 'SAS',
      siren: '987 654 321',
      vatNumber: 'FR45987654321',
      addressLines: ['3 place du Marché', '38000 Grenoble'],
      country: 'FR',
      email: 'factures@boulangerie-martin.fr',
      phone: null,
    },
    business: {
      name: 'Atelier Dupont',
      logoUrl: null,
      iban: 'FR7630006000011234567890189',
      bic: 'AGRIFRPP',
      timeZone: 'Europe/Paris',
      paymentTermsText: null,
      email: 'compta@atelier-dupont.fr',
      phone: null,
      partialPaymentsAllowed: true,
      minPartialPaymentMinor: 0,
    },
    lines,
    paidMinor,
    creditedMinor: 0,
    processingMinor: 0,
    balanceMinor: totals.totalMinor - paidMinor,
    disputedMinor: 0,
    promisedDate: null,
    plan: null,
    paidAt: null,
    voidedAt: null,
    receipts: [],
    ...overrides,
  };
}

describe('renderInvoicePdf', () => {
  test('prints every mention of a French B2B invoice, in French', async () => {
    const pdf = await renderInvoicePdf(buildView(), 'fr', { today: '2026-11-12' });
    const text = squash(pdfTool('pdftotext', pdf));

    for (const expected of [
      'FACTURE',
      'N° 2026-000123',
      '12 novembre 2026',
      '12 décembre 2026',
      'PO-88412',
      'Atelier Dupont',
      'SARL au capital de 10 000 €',
      'SIREN 123 456 789',
      'FR32123456789',
      '12 rue des Lilas',
      'Boulangerie Martin',
      'SIREN 987 654 321',
      'FR45987654321',
      '38000 Grenoble',
      'compta@atelier-dupont.fr',
      'Hébergement annuel',
      'Livres techniques',
      '12,5 jours',
      '450,00 €',
      '5,5 %',
      '5 625,00 €',
      'Total HT 5 962,50 €',
      'TVA 20 %',
      'Total TTC 7 140,86 €',
      'Déjà réglé 1 000,00 €',
      'Reste à payer 6 140,86 €',
      'Paiement à 30 jours',
      'Pas d’escompte pour paiement anticipé',
      'pénalités de retard au taux de la BCE majoré de 10 points',
      'indemnité forfaitaire pour frais de recouvrement de 40,00 €',
      'L441-10',
      'Carte bancaire, prélèvement SEPA',
      'IBAN FR76 3000 6000 0112 3456 7890 189',
      'BIC AGRIFRPP',
      'référence à indiquer : RF46 2026 0001 23',
      'Page 1/1',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Développement du site vitrine/);
  });

  test('prints the same mentions in English, with a contractual penalty rate', async () => {
    const view = buildView({ penaltyRateBps: 1200 });
    const text = squash(pdfTool('pdftotext', await renderInvoicePdf(view, 'en')));

    for (const expected of [
      'INVOICE',
      'No. 2026-000123',
      '12 November 2026',
      '12 December 2026',
      'Purchase order',
      'SIREN 123 456 789',
      'FR32123456789',
      'FR45987654321',
      'Hébergement annuel',
      '12.5 jours',
      '€450.00',
      'Total excl. tax €5,962.50',
      'Total incl. tax €7,140.86',
      'Already paid €1,000.00',
      'Balance due €6,140.86',
      'Payment within 30 days',
      'penalties at 12% per year',
      'fixed indemnity for recovery costs of €40.00',
      'L441-10',
      'Card, SEPA Direct Debit',
      'IBAN FR76 3000 6000 0112 3456 7890 189',
      'reference to quote: RF46 2026 0001 23',
    ]) {
      expect(text).toContain(expected);
    }
  });

  test('falls back to the statutory rate in English and offers ACH for dollars', async () => {
    const text = squash(pdfTool('pdftotext', await renderInvoicePdf(buildView({ currency: 'USD' }), 'en')));
    expect(text).toContain('penalties at the ECB rate plus 10 percentage points');
    expect(text).toContain('Card, ACH bank debit');
    expect(text).not.toContain('SEPA');
    expect(text).toContain('$7,140.86');
  });

  test("carries the business's logo above its name when it has one", async () => {
    const images = (pdf: Buffer) => pdfImages(pdf).map((row) => row.join(' '));
    expect(images(await renderInvoicePdf(buildView(), 'fr'))).toHaveLength(0);
    const withLogo = await renderInvoicePdf(buildView(), 'fr', { logo: LOGO_PNG });
    const [logo, ...others] = images(withLogo);
    expect(others).toHaveLength(0);
    // page 1, an image of the logo's own 3 x 2 pixels, in colour
    expect(logo).toMatch(/^1 0 image 3 2 rgb\b/);
    expect(squash(pdfTool('pdftotext', withLogo))).toContain('Atelier Dupont');
    // A file pdfkit cannot read leaves the invoice without a logo, not without a PDF.
    const unreadable = await renderInvoicePdf(buildView(), 'fr', { logo: LOGO_PNG.subarray(0, 30) });
    expect(images(unreadable)).toHaveLength(0);
  });

  test('sets the document metadata', async () => {
    const info = pdfTool('pdfinfo', await renderInvoicePdf(buildView(), 'fr'));
    expect(info).toMatch(/^Title:\s+2026-000123$/m);
    expect(info).toMatch(/^Author:\s+Atelier Dupont$/m);
  });

  test('a 60-line invoice flows over several pages, repeating the table header and numbering pages', async () => {
    const lines = Array.from({ length: 60 }, (_, i) =>
      line(
        i + 1,
        `Prestation n° ${i + 1} : accompagnement, paramétrage et formation des équipes sur site`,
        1500,
        12_000,
        2000,
        'h',
      ),
    );
    const raw = pdfTool('pdftotext', await renderInvoicePdf(buildView({ lines, paidMinor: 0 }), 'fr'));
    const pages = raw.split('\f').filter((page) => page.trim());

    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => expect(squash(page)).toContain(`Page ${i + 1}/${pages.length}`));
    for (const page of pages.slice(0, -1)) expect(page).toContain('Désignation');
    expect(squash(raw)).toContain('Prestation n° 60');
    expect(squash(pages.at(-1)!)).toContain('L441-10');
  });

  test('stamps a paid or void invoice', async () => {
    // The stamp is tilted and letter-spaced, so pdftotext splits its words: compare without any whitespace.
    const compact = async (view: InvoiceView, locale: 'fr' | 'en') =>
      pdfTool('pdftotext', await renderInvoicePdf(view, locale)).replace(/\s+/g, '');
    const paid = buildView({
      status: 'paid',
      paidMinor: 714_086,
      balanceMinor: 0,
      paidAt: '2026-11-20T09:30:00Z',
    });
    expect(await compact(paid, 'fr')).toContain('PAYÉE');
    expect(await compact(paid, 'fr')).toContain('Resteàpayer0,00€');
    expect(await compact(buildView({ status: 'void', voidedAt: '2026-11-20T09:30:00Z' }), 'en')).toContain(
      'VOID',
    );
    expect(await compact(buildView(), 'en')).not.toMatch(/PAID|VOID/);
  });

  test('draws characters outside WinAnsi as their nearest printable form', async () => {
    const view = buildView({
      lines: [line(1, 'Forfait\u202fspécial — “premium” ‐ Ø ✓', 1000, 10_000, 2000)],
    });
    const text = squash(pdfTool('pdftotext', await renderInvoicePdf(view, 'fr')));
    expect(text).toContain('Forfait spécial — “premium” - Ø ?');
  });
});

describe('formatQuantity', () => {
  test.each([
    [1500, 'fr', '1,5'],
    [1500, 'en', '1.5'],
    [1000, 'fr', '1'],
    [250, 'en', '0.25'],
    [-1250, 'fr', '-1,25'],
    [1_234_567, 'fr', '1 234,567'],
    [1_234_567, 'en', '1,234.567'],
  ] as const)('%i thousandths in %s is %s', (milli, locale, expected) => {
    expect(squash(formatQuantity(milli, locale))).toBe(expected);
  });
});

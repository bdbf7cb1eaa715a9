import { parseWithZod } from '@conform-to/zod/v4';
import { describe, expect, it } from 'vitest';
import { admin } from '~/i18n/admin';
import { invoiceFormSchema } from './invoice-form.server';

const customerId = '0b6f6c8e-6a57-4a0e-9d63-1b0d3cbb6c11';

function parse(fields: Record<string, string>, locale: 'fr' | 'en' = 'en') {
  const form = new URLSearchParams(fields);
  return parseWithZod(form, { schema: invoiceFormSchema(locale, form.get('currency')) });
}

const good = {
  customerId,
  currency: 'EUR',
  issueDate: '2026-11-12',
  dueDate: '2026-12-12',
  'lines[0].description': 'Design',
  'lines[0].quantity': '1,5',
  'lines[0].unit': 'h',
  'lines[0].unitPrice': '1 234,56',
  'lines[0].taxRate': '5.5',
};

describe('invoice form schema', () => {
  it('turns what was typed into integers: thousandths, minor units, basis points', () => {
    const submission = parse(good);
    expect(submission.status).toBe('success');
    if (submission.status !== 'success') return;
    expect(submission.value).toEqual({
      customerId,
      currency: 'EUR',
      issueDate: '2026-11-12',
      dueDate: '2026-12-12',
      purchaseOrder: null,
      deliveryDate: null,
      notes: null,
      acceptanceRequired: false,
      vatExemption: null,
      lines: [
        { description: 'Design', quantityMilli: 1500, unit: 'h', unitPriceMinor: 123_456, taxRateBps: 550 },
      ],
    });
  });

  it('takes a VAT mention from the list, only on an invoice that charges no VAT', () => {
    const untaxed = { ...good, 'lines[0].taxRate': '0' };
    const franchise = parse({ ...untaxed, vatExemption: 'franchise' });
    expect(franchise.status === 'success' && franchise.value.vatExemption).toBe('franchise');
    const none = parse({ ...good, vatExemption: '' });
    expect(none.status === 'success' && none.value.vatExemption).toBeNull();

    const taxed = parse({ ...good, vatExemption: 'export' }, 'fr');
    expect(taxed.status).toBe('error');
    expect(taxed.status === 'error' && taxed.error?.vatExemption).toEqual([
      admin.fr!['invoice.vatExemption.taxed'],
    ]);
    // One taxed line among untaxed ones is enough to refuse the mention.
    const mixed = parse({
      ...untaxed,
      vatExemption: 'franchise',
      'lines[1].description': 'Fournitures',
      'lines[1].quantity': '1',
      'lines[1].unitPrice': '10',
      'lines[1].taxRate': '5.5',
    });
    expect(mixed.status === 'error' && mixed.error?.vatExemption).toEqual([
      admin.en!['invoice.vatExemption.taxed'],
    ]);

    for (const junk of ['exempt', 'FRANCHISE', 'franchise ', '293 B']) {
      const refused = parse({ ...untaxed, vatExemption: junk });
      expect(refused.status === 'error' && refused.error?.vatExemption, junk).toEqual([
        admin.en!['invoice.vatExemption.invalid'],
      ]);
    }
  });

  it('keeps a delivery date only when it differs from the issue date, and refuses a bad one', () => {
    const later = parse({ ...good, deliveryDate: '2026-10-28' });
    expect(later.status === 'success' && later.value.deliveryDate).toBe('2026-10-28');
    const same = parse({ ...good, deliveryDate: good.issueDate });
    expect(same.status === 'success' && same.value.deliveryDate).toBeNull();
    for (const [bad, key] of [
      ['2026-02-30', 'invoice.date.invalid'],
      ['28/10/2026', 'invoice.date.invalid'],
      ['2010-01-01', 'invoice.deliveryDate.tooFar'],
    ] as const) {
      const refused = parse({ ...good, deliveryDate: bad }, 'fr');
      expect(refused.status === 'error' && refused.error?.deliveryDate, bad).toEqual([admin.fr![key]]);
    }
  });

  it('reads prices in the currency’s own decimals', () => {
    const submission = parse({ ...good, currency: 'CHF', 'lines[0].unitPrice': '10.05' });
    expect(submission.status === 'success' && submission.value.lines[0]!.unitPriceMinor).toBe(1005);
  });

  it('accepts any tax rate from 0 to 100 with two decimals', () => {
    for (const [rate, bps] of [
      ['0', 0],
      ['8.5', 850],
      ['100', 10_000],
    ] as const) {
      const submission = parse({ ...good, 'lines[0].taxRate': rate });
      expect(submission.status === 'success' && submission.value.lines[0]!.taxRateBps).toBe(bps);
    }
    expect(parse({ ...good, 'lines[0].taxRate': '100.01' }).status).toBe('error');
    expect(parse({ ...good, 'lines[0].taxRate': '5.555' }).status).toBe('error');
  });

  it('refuses more than 200 lines', () => {
    const fields: Record<string, string> = { ...good };
    for (let i = 0; i < 201; i++) {
      Object.assign(fields, {
        [`lines[${i}].description`]: `L${i}`,
        [`lines[${i}].quantity`]: '1',
        [`lines[${i}].unitPrice`]: '1',
        [`lines[${i}].taxRate`]: '20',
      });
    }
    const submission = parse(fields);
    expect(submission.status === 'error' && submission.error?.lines).toEqual([
      'An invoice has at most 200 lines.',
    ]);
  });

  it('has every message in both languages', () => {
    const keys = (locale: 'fr' | 'en') => Object.keys(admin[locale]).sort();
    expect(keys('fr')).toEqual(keys('en'));
    const empty = parse({ 'lines[0].quantity': '' }, 'fr');
    const messages = Object.values((empty.status === 'error' && empty.error) || {}).flat();
    expect(messages.length).toBeGreaterThan(3);
    const french = Object.values(admin.fr).map((m) => m.replace('{digits}', '2'));
    for (const m of messages) expect(french).toContain(m);
  });
});

import { describe, expect, test } from 'vitest';
import PaymentReceiptEmail, { paymentReceiptSubject, type PaymentReceiptProps } from './payment-receipt';
import { renderEmail } from './render.server';

const base: PaymentReceiptProps = {
  locale: 'fr',
  businessName: 'Dupont SARL',
  logoUrl: null,
  customerName: 'Claire Martin',
  invoiceNumber: '2026-000123',
  currency: 'EUR',
  amountMinor: 50_000,
  receivedOn: '2026-12-02',
  method: 'sepa_debit',
  totalMinor: 123_456,
  balanceMinor: 73_456,
  contactEmail: 'compta@dupont.fr',
  contactPhone: '+33 4 78 00 00 00',
};

/** Intl puts narrow no-break spaces in French amounts; compare with whitespace collapsed. */
const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('payment receipt email', () => {
  test.each([
    [
      'fr',
      'Paiement reçu, merci',
      '500,00 €',
      '2 décembre 2026',
      'Prélèvement SEPA',
      'Reste à payer 734,56 €',
      'Il reste 734,56 € à régler',
      'Envoyé par Dupont SARL via Acquit',
    ],
    [
      'en',
      'Payment received, thank you',
      '€500.00',
      '2 December 2026',
      'SEPA Direct Debit',
      'Balance due €734.56',
      '€734.56 remains to be paid',
      'Sent by Dupont SARL via Acquit',
    ],
  ] as const)(
    'in %s, thanks, and says how much, when, how and what is left',
    async (locale, heading, amount, date, method, balance, remaining, footer) => {
      const { html, text } = await renderEmail(<PaymentReceiptEmail {...base} locale={locale} />);
      expect(html).toContain(`lang="${locale}"`);
      expect(html).toContain(heading);
      for (const part of [squash(html), squash(text)]) {
        for (const expected of [
          amount,
          date,
          method,
          '2026-000123',
          remaining,
          footer,
          'compta@dupont.fr',
          '+33 4 78 00 00 00',
        ]) {
          expect(part).toContain(expected);
        }
      }
      expect(squash(text)).toContain(balance);
      // No link to the invoice page: the token is not stored, and the receipt travels as a PDF instead.
      expect(html).not.toMatch(/href="https?:/);
      expect(text).toMatch(locale === 'fr' ? /reçu est joint/ : /receipt is attached/);
    },
  );

  test('says "fully paid" when nothing is left, and leaves the method out when unknown', async () => {
    const props = {
      ...base,
      locale: 'en' as const,
      amountMinor: 123_456,
      balanceMinor: 0,
      method: null,
      contactPhone: null,
    };
    const { text } = await renderEmail(<PaymentReceiptEmail {...props} />);
    expect(squash(text)).toContain('Invoice 2026-000123 is now fully paid.');
    expect(squash(text)).toContain('Balance due €0.00');
    expect(text).not.toContain('Method');
    expect(text).not.toContain('or call');
    const fr = await renderEmail(<PaymentReceiptEmail {...props} locale="fr" />);
    expect(squash(fr.text)).toContain('La facture 2026-000123 est entièrement réglée.');
  });

  test('the subject names the amount, the invoice and the business', () => {
    expect(squash(paymentReceiptSubject(base))).toBe(
      'Paiement reçu : 500,00 € pour la facture 2026-000123 – Dupont SARL',
    );
    expect(paymentReceiptSubject({ ...base, locale: 'en', currency: 'USD' })).toBe(
      'Payment received: US$500.00 for invoice 2026-000123 – Dupont SARL',
    );
  });

  test('escapes what the business or customer typed', async () => {
    const { html } = await renderEmail(
      <PaymentReceiptEmail
        {...base}
        customerName="<script>alert(1)</script>"
        businessName={'Dupont & "Fils"'}
      />,
    );
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('Dupont & "Fils"');
    expect(html).toContain('Dupont &amp; &quot;Fils&quot;');
  });
});

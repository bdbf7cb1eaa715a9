import { describe, expect, test } from 'vitest';
import InvoiceIssuedEmail, { invoiceIssuedSubject, type InvoiceIssuedProps } from './invoice-issued';
import { renderEmail } from './render.server';

const base: InvoiceIssuedProps = {
  locale: 'fr',
  businessName: 'Dupont SARL',
  logoUrl: null,
  customerName: 'Claire Martin',
  invoiceNumber: '2026-000123',
  totalMinor: 123_456,
  balanceMinor: 123_456,
  currency: 'EUR',
  issueDate: '2026-11-12',
  dueDate: '2026-12-12',
  url: 'https://pay.acquit.example/i/Zk3v9Q_token-value',
  contactEmail: 'compta@dupont.fr',
};

/** Intl puts narrow no-break spaces in French amounts; compare with whitespace collapsed. */
const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('invoice issued email', () => {
  test.each([
    [
      'fr',
      '1 234,56 €',
      '12 décembre 2026',
      'Voir et régler la facture',
      'Envoyé par Dupont SARL via Acquit',
    ],
    ['en', '€1,234.56', '12 December 2026', 'View and pay the invoice', 'Sent by Dupont SARL via Acquit'],
  ] as const)(
    'in %s, says who sends what, how much, by when, and where to pay',
    async (locale, amount, dueDate, cta, footer) => {
      const { html, text } = await renderEmail(<InvoiceIssuedEmail {...base} locale={locale} />);

      expect(html).toContain(`lang="${locale}"`);
      expect(html).toContain(`href="${base.url}"`);
      for (const part of [squash(html), squash(text)]) {
        expect(part).toContain(amount);
        expect(part).toContain(dueDate);
        expect(part).toContain('2026-000123');
        expect(part).toContain(cta);
        expect(part).toContain(footer);
        expect(part).toContain('compta@dupont.fr');
      }
      // The raw link is printed for clients that hide buttons, and survives in the text part.
      expect(text).toContain(base.url);
      expect(html.split(base.url).length - 1).toBeGreaterThanOrEqual(3);
    },
  );

  test('shows the balance beside the total when part is already paid', async () => {
    const { text } = await renderEmail(<InvoiceIssuedEmail {...base} locale="en" balanceMinor={23_456} />);
    expect(squash(text)).toContain('Total incl. tax €1,234.56');
    expect(squash(text)).toContain('Balance due €234.56');
  });

  test('escapes what the business or customer typed', async () => {
    const { html } = await renderEmail(
      <InvoiceIssuedEmail
        {...base}
        customerName="<script>alert(1)</script>"
        businessName={'Dupont & "Fils"'}
      />,
    );
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('Dupont & "Fils"');
  });

  test('the subject names the invoice, the sender, the amount and the due date', () => {
    expect(squash(invoiceIssuedSubject(base))).toBe(
      'Facture 2026-000123 de Dupont SARL – 1 234,56 € à régler avant le 12 décembre 2026',
    );
    expect(invoiceIssuedSubject({ ...base, locale: 'en', currency: 'USD' })).toBe(
      'Invoice 2026-000123 from Dupont SARL – US$1,234.56 due by 12 December 2026',
    );
  });
});

import { describe, expect, test } from 'vitest';
import { renderEmail } from './render.server';
import WeeklyDigestEmail, { weeklyDigestSubject, type WeeklyDigestProps } from './weekly-digest';

const base: WeeklyDigestProps = {
  locale: 'fr',
  businessName: 'Dupont SARL',
  logoUrl: null,
  today: '2026-03-02',
  periodFrom: '2026-02-23',
  periodTo: '2026-03-01',
  aging: [
    {
      currency: 'EUR',
      amounts: { current: 75_000, days1to30: 33_000, days31to60: 20_000, days61to90: 0, days90plus: 123_456 },
      counts: { current: 2, days1to30: 1, days31to60: 1, days61to90: 0, days90plus: 1 },
      totalMinor: 251_456,
      invoiceCount: 5,
    },
  ],
  collected: [
    { currency: 'EUR', receivedMinor: 35_000, paymentCount: 2, refundedMinor: 4_000, netMinor: 31_000 },
  ],
  promisesDue: [
    {
      invoiceId: 'a',
      invoiceNumber: '2026-000041',
      customerName: 'Acme',
      promisedDate: '2026-03-05',
      amountMinor: 74_000,
      currency: 'EUR',
    },
  ],
  promisesBroken: [
    {
      invoiceId: 'b',
      invoiceNumber: '2026-000017',
      customerName: 'Zenith',
      promisedDate: '2026-02-20',
      amountMinor: 15_000,
      currency: 'EUR',
    },
  ],
  disputes: {
    openCount: 2,
    oldest: {
      invoiceNumber: '2026-000012',
      customerName: 'Zenith',
      openedOn: '2026-02-10',
      amountMinor: 20_000,
      currency: 'EUR',
    },
  },
  adminUrl: 'https://pay.example.com/admin',
};

/** Intl puts narrow no-break spaces in French amounts; compare with whitespace collapsed. */
const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('weekly digest email', () => {
  test.each([
    [
      'fr',
      [
        'Votre point hebdomadaire',
        'Où en sont les factures de Dupont SARL ce 2 mars 2026.',
        'Pas encore échu 750,00 €',
        'En retard de 1 à 30 jours 330,00 €',
        'En retard de 61 à 90 jours 0,00 €',
        'En retard de plus de 90 jours 1 234,56 €',
        'Total à encaisser (5 factures) 2 514,56 €',
        'Encaissé du 23 février 2026 au 1 mars 2026',
        '310,00 € (2 paiements) – 350,00 € reçus, moins 40,00 € remboursés',
        '5 mars 2026 : Acme, facture 2026-000041, 740,00 €',
        'Promesses non tenues',
        '20 février 2026 : Zenith, facture 2026-000017, 150,00 €',
        '2 litiges en attente de réponse. Le plus ancien, ouvert le 10 février 2026 par Zenith sur la facture 2026-000012 (200,00 €).',
        'Ouvrir Acquit',
      ],
    ],
    [
      'en',
      [
        'Your weekly digest',
        'Where the invoices of Dupont SARL stand on 2 March 2026.',
        'Not yet due €750.00',
        '1 to 30 days late €330.00',
        '61 to 90 days late €0.00',
        'Over 90 days late €1,234.56',
        'Total outstanding (5 invoices) €2,514.56',
        'Collected from 23 February 2026 to 1 March 2026',
        '€310.00 (2 payments) – €350.00 received, less €40.00 refunded',
        '5 March 2026: Acme, invoice 2026-000041, €740.00',
        'Broken promises',
        '20 February 2026: Zenith, invoice 2026-000017, €150.00',
        '2 disputes awaiting an answer. The oldest, opened on 10 February 2026 by Zenith on invoice 2026-000012 (€200.00).',
        'Open Acquit',
      ],
    ],
  ] as const)('in %s, every figure, in HTML and in plain text', async (locale, expected) => {
    const { html, text } = await renderEmail(<WeeklyDigestEmail {...base} locale={locale} />);
    expect(html).toContain(`lang="${locale}"`);
    expect(html).toContain('href="https://pay.example.com/admin"');
    // Plain text writes headings in capitals.
    const plain = squash(text).toLowerCase();
    for (const part of expected) expect(plain).toContain(part.toLowerCase());
    expect(html).toContain(expected[0]);
    expect(squash(text)).toContain('https://pay.example.com/admin');
  });

  test('a quiet week says so, in the singular where it must', async () => {
    const quiet = {
      ...base,
      aging: [],
      collected: [],
      promisesDue: [],
      promisesBroken: [],
      disputes: { openCount: 0, oldest: null },
    };
    const fr = squash((await renderEmail(<WeeklyDigestEmail {...quiet} />)).text);
    expect(fr).toContain('Aucun encours : toutes les factures émises sont réglées.');
    expect(fr).toContain('Aucun paiement reçu sur la période.');
    expect(fr).toContain('Aucune promesse n’arrive à échéance cette semaine.');
    expect(fr).toContain('Aucun litige en cours.');
    expect(fr).not.toContain('Promesses non tenues');
    const single = {
      ...base,
      locale: 'en' as const,
      aging: [{ ...base.aging[0]!, invoiceCount: 1 }],
      collected: [
        { currency: 'USD', receivedMinor: 5_000, paymentCount: 1, refundedMinor: 0, netMinor: 5_000 },
      ],
      disputes: { openCount: 1, oldest: null },
    };
    const en = squash((await renderEmail(<WeeklyDigestEmail {...single} />)).text);
    expect(en).toContain('Total outstanding (1 invoice)');
    expect(en).toContain('US$50.00 (1 payment)');
    expect(en).not.toContain('refunded');
    expect(en).toContain('1 dispute awaiting an answer.');
  });

  test('several currencies are shown apart, never added up', async () => {
    const usd = { ...base.aging[0]!, currency: 'USD', totalMinor: 9_900, invoiceCount: 1 };
    const { text } = await renderEmail(
      <WeeklyDigestEmail {...base} locale="en" aging={[base.aging[0]!, usd]} />,
    );
    expect(squash(text)).toContain('In EUR');
    expect(squash(text)).toContain('In USD');
    expect(squash(text)).toContain('Total outstanding (1 invoice) US$99.00');
  });

  test('the subject names the day and the business; names are escaped', async () => {
    expect(squash(weeklyDigestSubject(base))).toBe('Votre point hebdomadaire du 2 mars 2026 – Dupont SARL');
    expect(weeklyDigestSubject({ ...base, locale: 'en' })).toBe(
      'Your weekly digest for 2 March 2026 – Dupont SARL',
    );
    const { html } = await renderEmail(
      <WeeklyDigestEmail
        {...base}
        promisesDue={[{ ...base.promisesDue[0]!, customerName: '<img src=x onerror=alert(1)>' }]}
      />,
    );
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

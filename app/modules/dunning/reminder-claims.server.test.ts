/** What a reminder claims and offers, who receives it, and the formal notice letter it may carry. */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { business, contacts, disputes } from '#db/schema/index';
import { createBusiness } from '../../../test/factories';
import { renderAttachment } from '~/modules/email/attachments.server';
import { recordOfflinePayment } from '~/modules/payments/record-offline-payment.server';
import { addDaysIso } from '~/utils/dates';
import { db } from '~/utils/db.server';

import { squash, DUE_DATE, setup, queue, emailById, count, pdfText } from '../../../test/support/reminders';

describe('the formal notice letter', () => {
  test.each([
    [
      'fr',
      [
        'LETTRE DE MISE EN DEMEURE',
        'Lyon, le 15 décembre 2026',
        'Objet : mise en demeure de payer – facture n°',
        'arrivée à échéance le 31 octobre 2026, demeure impayée à ce jour pour un montant de 1 650,00 €',
        'au plus tard le 23 décembre 2026, soit dans un délai de huit jours',
        'la somme de 1 714,72 €',
        'Principal restant dû',
        // A wrapped label: its second line comes after the amount in the layout.
        'Pénalités de retard au taux de 12,15 % l’an, du 1 novembre 2026 au 15 décembre 24,72 € 2026 (45 jours)',
        'Indemnité forfaitaire pour frais de recouvrement (art. D441-5 du Code de commerce) 40,00 €',
        'Total à régler 1 714,72 €',
        'article L441-10 du Code de commerce',
        'articles L441-10 et D441-5',
        'vaut mise en demeure au sens de l’article 1344 du Code civil',
        'À défaut de règlement dans ce délai, nous engagerons sans autre avis une procédure de recouvrement',
        '3 place Bellecour 69002 Lyon',
      ],
    ],
    [
      'en',
      [
        'LETTER OF FORMAL NOTICE',
        'Lyon, 15 December 2026',
        'Subject: formal notice to pay – invoice no.',
        'remains unpaid to date in the amount of €1,650.00',
        'by 23 December 2026 at the latest, that is within eight days',
        'the sum of €1,714.72',
        'Late-payment penalties at 12.15% a year, from 1 November 2026 to 15 December €24.72 2026 (45 days)',
        'Fixed indemnity for recovery costs (French Commercial Code, art. D441-5) €40.00',
        'Total to pay €1,714.72',
        'article L441-10 of the French Commercial Code',
        'article 1344 of the French Civil Code',
        'Failing payment within this period',
      ],
    ],
  ] as const)(
    'in %s, states the claim, its legal basis, the deadline and the consequence',
    async (locale, lines) => {
      const { invoice, step, seller } = await setup(locale);
      const result = await queue(invoice.invoiceId, step(45), addDaysIso(DUE_DATE, 45));
      if (!('emailId' in result)) throw new Error('not queued');
      const mail = await emailById(result.emailId);
      const pdf = await renderAttachment(db(), mail.attachments![0]!, seller.id, locale);
      expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(pdf!);
      for (const line of [...lines, invoice.number, seller.name, seller.siren!]) expect(text).toContain(line);

      // Another business cannot render it, and a forged reference renders nothing.
      const other = await createBusiness();
      expect(await renderAttachment(db(), mail.attachments![0]!, other.id, locale)).toBeNull();
      const forged = { ...mail.attachments![0]!, refId: `${invoice.invoiceId}:nope` };
      expect(await renderAttachment(db(), forged, seller.id, locale)).toBeNull();
    },
  );

  test('claims what the email claimed even when a payment arrives before delivery', async () => {
    const { invoice, step, seller } = await setup('fr');
    const result = await queue(invoice.invoiceId, step(45), addDaysIso(DUE_DATE, 45));
    if (!('emailId' in result)) throw new Error('not queued');
    const mail = await emailById(result.emailId);
    const before = pdfText((await renderAttachment(db(), mail.attachments![0]!, seller.id, 'fr'))!);
    const paid = await recordOfflinePayment(db(), {
      businessId: seller.id,
      invoiceId: invoice.invoiceId,
      amountMinor: 50_000,
      method: 'bank_transfer',
      receivedOn: '2026-12-15',
      actor: { type: 'system' },
    });
    expect(paid.ok).toBe(true);
    const again = pdfText((await renderAttachment(db(), mail.attachments![0]!, seller.id, 'fr'))!);
    expect(again).toBe(before);
    expect(again).toContain('la somme de 1 714,72 €');
  });
});

describe('who receives a reminder', () => {
  test('without a reachable contact nothing is queued and no link is minted', async () => {
    const { invoice, customer, step } = await setup('fr');
    await db()
      .update(contacts)
      .set({ emailSuppressedAt: new Date() })
      .where(eq(contacts.customerId, customer.id));
    const [links, mails] = [await count('invoice_links'), await count('emails')];
    expect(await queue(invoice.invoiceId, step(7), '2026-11-07')).toEqual({ skipped: 'no_recipient' });
    expect([await count('invoice_links'), await count('emails')]).toEqual([links, mails]);
  });

  test('a suppressed address is left out: accounts payable then receive it, copied to nobody', async () => {
    const { invoice, step, billing, payable } = await setup('fr');
    await db().update(contacts).set({ emailSuppressedAt: new Date() }).where(eq(contacts.id, billing.id));
    const result = await queue(invoice.invoiceId, step(1), '2026-11-01');
    if (!('emailId' in result)) throw new Error('not queued');
    const mail = await emailById(result.emailId);
    expect(mail.to).toEqual([payable.email]);
    expect(mail.cc).toEqual([]);
  });

  test('a step is queued once: the second call mints no link and queues nothing', async () => {
    const { invoice, step } = await setup('en');
    const first = await queue(invoice.invoiceId, step(7), '2026-11-07');
    expect(first).toHaveProperty('emailId');
    const [links, mails] = [await count('invoice_links'), await count('emails')];
    expect(await queue(invoice.invoiceId, step(7), '2026-11-08')).toEqual({ skipped: 'already_queued' });
    expect([await count('invoice_links'), await count('emails')]).toEqual([links, mails]);
  });

  test('refuses a step that sends no email', async () => {
    const { invoice, step } = await setup('fr');
    await expect(queue(invoice.invoiceId, step(14), '2026-11-14')).rejects.toThrow(/call_task/);
  });
});

describe('what a reminder offers and claims, from the business’s settings', () => {
  test('a plan when installments are offered; no promise when promises are off; dispute only early', async () => {
    const { invoice, step } = await setup('en', {
      installmentOffers: [{ id: '3x', parts: 3, splitPercent: [34, 33, 33], interval: 'monthly' }],
      promiseMaxDays: 0,
    });
    const week = await queue(invoice.invoiceId, step(7), '2026-11-07');
    const month = await queue(invoice.invoiceId, step(30), '2026-11-30');
    if (!('emailId' in week) || !('emailId' in month)) throw new Error('not queued');
    const [w, m] = [await emailById(week.emailId), await emailById(month.emailId)];
    expect(w.html).toMatch(/href="[^"]+#plan"/);
    expect(w.text).toContain('pay in installments');
    expect(w.html).not.toContain('#promise');
    expect(w.html).toMatch(/href="[^"]+#dispute"/);
    expect(m.html).toMatch(/href="[^"]+#plan"/);
    expect(m.html).not.toContain('#dispute');
  });

  test('by default a late reminder offers to promise a date, and no plan', async () => {
    const { invoice, step } = await setup('fr');
    const result = await queue(invoice.invoiceId, step(7), '2026-11-07');
    if (!('emailId' in result)) throw new Error('not queued');
    const mail = await emailById(result.emailId);
    expect(mail.html).toMatch(/href="[^"]+#promise"/);
    expect(mail.text).toContain('nous indiquer la date à laquelle vous réglerez');
    expect(mail.html).not.toContain('#plan');
  });

  test('the rate and indemnity agreed on the invoice apply, even after the business changes its settings', async () => {
    const { seller, invoice, step } = await setup('en', {
      penaltyRateBps: 1500,
      recoveryIndemnityMinor: 5000,
    });
    await db().update(business).set({ penaltyRateBps: 900 }).where(eq(business.id, seller.id));
    const result = await queue(invoice.invoiceId, step(30), '2026-11-30');
    if (!('emailId' in result)) throw new Error('not queued');
    const text = squash((await emailById(result.emailId)).text);
    // 165,000 * 0.15 * 30 / 365 = 2034.25 cents, plus the business's 50 € indemnity
    expect(text).toContain('15% a year (the rate set in our payment terms)');
    expect(text).toContain('Late interest on €1,650.00 €20.34');
    expect(text).toContain('Fixed indemnity for recovery costs €50.00');
    expect(text).toContain('Total penalties due €70.34');
    expect(text).toContain('€70.34 to date');
  });

  test('claims the balance less what is paid and what is disputed, and charges interest on that', async () => {
    const { invoice, step } = await setup('fr', {}, { paidMinor: 50_000 });
    await db().insert(disputes).values({
      invoiceId: invoice.invoiceId,
      reason: 'wrong_amount',
      amountMinor: 15_000,
      scope: 'invoice',
    });
    const result = await queue(invoice.invoiceId, step(30), '2026-11-30');
    if (!('emailId' in result)) throw new Error('not queued');
    const text = squash((await emailById(result.emailId)).text);
    // 100,000 * 0.1215 * 30 / 365 = 998.63 cents
    expect(text).toContain('Montant dû 1 000,00 €');
    expect(text).toContain('Intérêts de retard sur 1 000,00 € 9,99 €');
    expect(text).toContain('Total des pénalités exigibles 49,99 €');
  });

  test('what the customer and business typed is escaped in the HTML', async () => {
    const { invoice, customer, step } = await setup('fr');
    await db().execute(
      sql`UPDATE customers SET name = '<img src=x onerror=alert(1)> & Fils' WHERE id = ${customer.id}`,
    );
    const result = await queue(invoice.invoiceId, step(1), '2026-11-01');
    if (!('emailId' in result)) throw new Error('not queued');
    const mail = await emailById(result.emailId);
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; Fils');
    expect(mail.text).toContain('Bonjour <img src=x onerror=alert(1)> & Fils,');
  });
});

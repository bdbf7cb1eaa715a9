import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderCreditNotePdf } from './credit-note-pdf.server';
import { pdfText } from '../../../test/support/reminders';
import { creditNotes, disputeMessages, disputes, emails, invoices, tasks } from '#db/schema/index';
import { invoiceLedger } from '~/modules/invoices/invoice-balance.server';
import { listInvoices } from '~/modules/invoices/list-invoices.server';
import { payableAmount } from '~/modules/payments/payable.server';
import { recordOfflinePayment } from '~/modules/payments/record-offline-payment.server';
import { startPayment } from '~/modules/payments/start-payment.server';
import { agingReport } from '~/modules/reports/aging.server';
import { db } from '~/utils/db.server';
import { addDaysIso } from '~/utils/dates';
import { at, createBusiness, createInvoiceDueOn, createUser } from '../../../test/factories';
import { startStripeFake, type StripeFake } from '../../../test/fakes/stripe/server';
import { sign } from '../../../test/support/acceptance';
import { reminderEmails, remindersOf, sweepAndSend } from '../../../test/support/dunning';
import { openDispute } from './open-dispute.server';
import { postDisputeMessage } from './post-dispute-message.server';
import { acceptDispute, rejectDispute } from './resolve-dispute.server';

let fake: StripeFake;
beforeAll(async () => {
  fake = await startStripeFake({ requireIdempotencyKeys: true });
  Object.assign(process.env, { STRIPE_SECRET_KEY: 'sk_test_acquit', STRIPE_API_BASE: fake.url });
});
afterAll(() => fake.stop());

// Tuesday 16 June 2026: the +1 step of an invoice due yesterday falls due today.
const T = '2026-06-16';
const NOW = at(T, 10);
const debtor = { type: 'debtor', ip: '203.0.113.7', userAgent: 'vitest' } as const;
const squash = (s: string) => s.replace(/\s+/g, ' ');

/** 1 000 €, 500 € and 250 € excl. tax at 20 %: 1 200 €, 600 € and 300 € incl. tax, 2 100 € in all. */
const THREE_LINES = [
  { description: 'Menuiserie', quantityMilli: 1000, unitPriceMinor: 100_000, taxRateBps: 2000 },
  { description: 'Vitrine', quantityMilli: 1000, unitPriceMinor: 50_000, taxRateBps: 2000 },
  { description: 'Déplacement', quantityMilli: 1000, unitPriceMinor: 25_000, taxRateBps: 2000 },
];

async function lateInvoice(businessId?: string, extra: { acceptanceRequired?: boolean } = {}) {
  const invoice = await createInvoiceDueOn(addDaysIso(T, -1), { businessId, lines: THREE_LINES, ...extra });
  const lines = await db().query.invoiceLines.findMany({
    where: (l, { eq }) => eq(l.invoiceId, invoice.invoiceId),
  });
  return { ...invoice, lineIds: lines.sort((a, b) => a.position - b.position).map((l) => l.id) };
}

async function disputedMinor(invoiceId: string) {
  const rows = await db().select().from(disputes).where(eq(disputes.invoiceId, invoiceId));
  return rows
    .filter((d) => d.status === 'waiting_for_us' || d.status === 'waiting_for_them')
    .reduce((a, d) => a + d.amountMinor, 0);
}

const admin = () => ({ type: 'system' as const });

describe('a dispute on some lines', () => {
  test('pauses reminders for those lines only; the rest is reminded, payable, and paying it works', async () => {
    const invoice = await lateInvoice();
    expect(invoice.totalMinor).toBe(210_000);
    const opened = await openDispute(db(), {
      invoiceId: invoice.invoiceId,
      lineIds: invoice.lineIds.slice(0, 2),
      reason: 'not_as_described',
      message: 'La vitrine et la menuiserie ne sont pas celles du devis.',
      actor: debtor,
    });
    expect(opened.ok).toBe(true);
    expect(await disputedMinor(invoice.invoiceId)).toBe(180_000);

    // The ladder goes on, for the undisputed 300 €.
    const swept = await sweepAndSend(NOW);
    expect(swept.outcomes).toContainEqual(expect.objectContaining({ status: 'sent' }));
    const [reminder] = await reminderEmails(invoice.invoiceId);
    expect(squash(reminder!.text)).toContain('300,00 €');
    expect(squash(reminder!.text)).not.toContain('2 100,00 €');

    // What the page offers and Stripe is asked for: the undisputed rest.
    const ledger = (await invoiceLedger(db(), invoice.invoiceId))!;
    expect(payableAmount('open', ledger, 180_000)).toEqual({ ok: true, maxMinor: 30_000 });
    const started = await startPayment(db(), {
      invoiceId: invoice.invoiceId,
      requestedMinor: null,
      actor: debtor,
    });
    expect(started).toMatchObject({ ok: true, amountMinor: 30_000 });
    const paid = await recordOfflinePayment(db(), {
      businessId: invoice.businessId,
      invoiceId: invoice.invoiceId,
      amountMinor: 30_000,
      method: 'bank_transfer',
      receivedOn: T,
      reference: 'VIR',
      actor: { type: 'system' },
    });
    expect(paid.ok).toBe(true);
    const after = (await invoiceLedger(db(), invoice.invoiceId))!;
    expect(after.balanceMinor).toBe(180_000);
    expect(payableAmount('open', after, 180_000)).toEqual({ ok: false, error: 'disputed' });

    // Now all that is left is disputed: the next rung (+7) is not claimed for it.
    await sweepAndSend(at(addDaysIso(T, 6), 10));
    expect((await remindersOf(invoice.invoiceId)).map((r) => r.offset)).toEqual([1]);
  });

  test('a second dispute while one is open, lines of another invoice, or a paid invoice: refused, nothing written', async () => {
    const invoice = await lateInvoice();
    const other = await lateInvoice(invoice.businessId);
    const base = { invoiceId: invoice.invoiceId, reason: 'other' as const, message: 'x', actor: debtor };
    expect(await openDispute(db(), { ...base, lineIds: [other.lineIds[0]!] })).toEqual({
      ok: false,
      error: 'bad_lines',
    });
    expect(await openDispute(db(), { ...base, lineIds: [invoice.lineIds[0]!, other.lineIds[1]!] })).toEqual({
      ok: false,
      error: 'bad_lines',
    });
    const results = await Promise.all([1, 2, 3].map(() => openDispute(db(), { ...base, lineIds: [] })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, error: 'dispute_exists' },
      { ok: false, error: 'dispute_exists' },
    ]);
    expect(await db().select().from(disputes).where(eq(disputes.invoiceId, invoice.invoiceId))).toHaveLength(
      1,
    );

    await recordOfflinePayment(db(), {
      businessId: other.businessId,
      invoiceId: other.invoiceId,
      amountMinor: other.totalMinor,
      method: 'bank_transfer',
      receivedOn: T,
      actor: { type: 'system' },
    });
    expect(await openDispute(db(), { ...base, invoiceId: other.invoiceId, lineIds: [] })).toEqual({
      ok: false,
      error: 'paid',
    });
    expect(await db().select().from(disputes).where(eq(disputes.invoiceId, other.invoiceId))).toHaveLength(0);
  });
});

describe('resolving a dispute', () => {
  test('accepting issues a numbered credit note; every balance (ledger, list, aging, reminders) follows', async () => {
    const { id: businessId } = await createBusiness();
    const whole = await lateInvoice(businessId);
    const partial = await lateInvoice(businessId);
    const first = await openDispute(db(), {
      invoiceId: whole.invoiceId,
      lineIds: [],
      reason: 'not_delivered',
      message: 'Rien reçu.',
      actor: debtor,
    });
    const second = await openDispute(db(), {
      invoiceId: partial.invoiceId,
      lineIds: [partial.lineIds[1]!],
      reason: 'wrong_amount',
      message: 'La vitrine était à 400 €.',
      actor: debtor,
    });
    if (!first.ok || !second.ok) throw new Error('disputes not opened');
    const year = T.slice(0, 4);

    const a = await acceptDispute(db(), {
      businessId,
      disputeId: first.disputeId,
      note: 'Désolés.',
      actor: admin(),
    });
    expect(a).toEqual({
      ok: true,
      creditNoteNumber: `AV-${year}-000001`,
      amountMinor: 210_000,
      invoicePaid: true,
    });
    const b = await acceptDispute(db(), {
      businessId,
      disputeId: second.disputeId,
      note: 'Corrigé.',
      actor: admin(),
    });
    expect(b).toMatchObject({
      ok: true,
      creditNoteNumber: `AV-${year}-000002`,
      amountMinor: 60_000,
      invoicePaid: false,
    });
    // Twice accepts once.
    expect(
      await acceptDispute(db(), { businessId, disputeId: second.disputeId, note: 'x', actor: admin() }),
    ).toEqual({
      ok: false,
      error: 'closed',
    });
    expect(await db().select().from(creditNotes).where(eq(creditNotes.businessId, businessId))).toHaveLength(
      2,
    );
    // The credit note states its VAT like the invoice it corrects.
    const [noteB] = await db()
      .select()
      .from(creditNotes)
      .where(eq(creditNotes.number, `AV-${year}-000002`));
    const text = pdfText((await renderCreditNotePdf(db(), noteB!.id, { businessId }, 'fr'))!.pdf);
    expect(text).toContain(
      'Montant HT (TVA 20 %) 500,00 € TVA 20 % sur 500,00 € 100,00 € Montant de l’avoir TTC 600,00 €',
    );

    const [wholeRow] = await db().select().from(invoices).where(eq(invoices.id, whole.invoiceId));
    expect(wholeRow!.status).toBe('paid');
    expect((await invoiceLedger(db(), partial.invoiceId))!).toMatchObject({
      creditedMinor: 60_000,
      balanceMinor: 150_000,
    });
    const list = await listInvoices(db(), businessId, { status: null, q: '', page: 1 });
    expect(Object.fromEntries(list.rows.map((r) => [r.id, r.balanceMinor]))).toEqual({
      [whole.invoiceId]: 0,
      [partial.invoiceId]: 150_000,
    });
    const aging = await agingReport(db(), { businessId, now: NOW });
    expect(aging.totals[0]!.totalMinor).toBe(150_000);
    await sweepAndSend(NOW);
    const [reminder] = await reminderEmails(partial.invoiceId);
    expect(squash(reminder!.text)).toContain('1 500,00 €');
    expect(await reminderEmails(whole.invoiceId)).toHaveLength(0);

    // The customer is told, the credit note attached; the task to answer is done.
    const [mail] = await db()
      .select()
      .from(emails)
      .where(and(eq(emails.invoiceId, partial.invoiceId), eq(emails.template, 'dispute-accepted')));
    expect(mail!.attachments).toEqual([
      expect.objectContaining({ kind: 'credit-note', filename: `avoir-AV-${year}-000002.pdf` }),
    ]);
    const [task] = await db()
      .select()
      .from(tasks)
      .where(eq(tasks.dedupeKey, `dispute:${second.disputeId}`));
    expect(task).toMatchObject({ kind: 'dispute', status: 'done', outcome: 'accepted' });
  });

  test('rejecting (the signed letter attached) resumes the ladder for the disputed amount', async () => {
    const invoice = await lateInvoice(undefined, { acceptanceRequired: true });
    expect(await sign(invoice.invoiceId)).toMatchObject({ ok: true });
    const opened = await openDispute(db(), {
      invoiceId: invoice.invoiceId,
      lineIds: [],
      reason: 'not_delivered',
      message: 'Pas reçu.',
      actor: debtor,
    });
    if (!opened.ok) throw new Error(opened.error);
    await sweepAndSend(NOW);
    expect(await remindersOf(invoice.invoiceId)).toEqual([]);

    // The thread: the business asks, the customer answers; each message goes to the other side.
    const reply = await postDisputeMessage(db(), {
      disputeId: opened.disputeId,
      scope: { businessId: invoice.businessId },
      body: 'Le bon de livraison est signé.',
      actor: { type: 'user', id: await anyUser(invoice.businessId) },
    });
    expect(reply).toMatchObject({ ok: true, duplicate: false });
    expect(await statusOf(opened.disputeId)).toBe('waiting_for_them');
    const answer = {
      disputeId: opened.disputeId,
      scope: { invoiceId: invoice.invoiceId },
      body: 'Je vérifie.',
      actor: debtor,
    };
    expect(await postDisputeMessage(db(), answer)).toMatchObject({ ok: true, duplicate: false });
    expect(await postDisputeMessage(db(), answer)).toMatchObject({ ok: true, duplicate: true });
    expect(await statusOf(opened.disputeId)).toBe('waiting_for_us');
    const templates = (await db().select().from(emails).where(eq(emails.invoiceId, invoice.invoiceId))).map(
      (e) => e.template,
    );
    expect(templates.filter((t) => t === 'dispute-message')).toHaveLength(2);

    const rejected = await rejectDispute(db(), {
      businessId: invoice.businessId,
      disputeId: opened.disputeId,
      reply: 'Voir le procès-verbal signé à la livraison.',
      attachAcceptance: true,
      actor: { type: 'system' },
    });
    expect(rejected).toEqual({ ok: true });
    const [mail] = await db()
      .select()
      .from(emails)
      .where(and(eq(emails.invoiceId, invoice.invoiceId), eq(emails.template, 'dispute-rejected')));
    expect(mail!.attachments).toEqual([expect.objectContaining({ kind: 'acceptance-letter' })]);
    const messages = await db()
      .select()
      .from(disputeMessages)
      .where(eq(disputeMessages.disputeId, opened.disputeId));
    expect(messages.find((m) => m.kind === 'rejected')).toMatchObject({ attachesAcceptance: true });
    expect(await postDisputeMessage(db(), { ...answer, body: 'Encore ?' })).toEqual({
      ok: false,
      error: 'closed',
    });

    // The ladder resumes at the step due now, for the whole balance.
    await sweepAndSend(at(T, 11));
    expect((await remindersOf(invoice.invoiceId)).map((r) => [r.offset, r.status])).toEqual([[1, 'sent']]);
    const [reminder] = await reminderEmails(invoice.invoiceId);
    expect(squash(reminder!.text)).toContain('2 100,00 €');
  });
});

async function statusOf(disputeId: string) {
  const [row] = await db()
    .select({ status: disputes.status })
    .from(disputes)
    .where(eq(disputes.id, disputeId));
  return row?.status;
}

async function anyUser(businessId: string): Promise<string> {
  return (await createUser(businessId)).id;
}

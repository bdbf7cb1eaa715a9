import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  acceptances,
  business,
  collectionCases,
  creditNotes,
  customers,
  disputeMessages,
  disputes,
  dunningSteps,
  emails,
  invoiceLines,
  invoices,
  payments,
  promises,
  reminders,
  tasks,
  users,
} from '#db/schema/index';
import type { PartySnapshot } from '#db/schema/invoices';
import { isUuid } from '~/modules/dunning/ids';
import { loadFormalNotice, type FormalNoticeData } from '~/modules/dunning/formal-notice-pdf.server';
import { invoiceLedger, type Ledger } from '~/modules/invoices/invoice-balance.server';
import { buyerSnapshot, sellerSnapshot } from '~/modules/invoices/parties.server';
import type { DbOrTx } from '~/utils/db.server';

/**
 * The debtor's private link is their credential: a case file that leaves the business never carries it. Runs of
 * blank lines (the plain-text email's layout) are squeezed.
 */
export function withoutPrivateLinks(text: string): string {
  return text.replace(/https?:\/\/\S*\/i\/[A-Za-z0-9_-]+\S*/g, '[…]').replace(/\n{3,}/g, '\n\n');
}

/**
 * Everything a collection agency needs about one invoice of the business, in the order the case file prints it:
 * the invoice, the signed acceptance letter, every reminder sent (date, channel, text), the formal notice, the
 * dispute thread, promises, payments and credit notes, and the notes of every call. Null for an unknown invoice,
 * a draft, or another business's invoice.
 */
export async function loadCaseFile(db: DbOrTx, businessId: string, invoiceId: string) {
  if (!isUuid(invoiceId)) return null;
  const [row] = await db
    .select({ invoice: invoices, seller: business, customer: customers, handOff: collectionCases })
    .from(invoices)
    .innerJoin(business, eq(business.id, invoices.businessId))
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .leftJoin(collectionCases, eq(collectionCases.invoiceId, invoices.id))
    .where(and(eq(invoices.id, invoiceId), eq(invoices.businessId, businessId)));
  if (!row || !row.invoice.number) return null;
  const { invoice } = row;
  const [lines, ledger, acceptance, sent, threads, promised, paid, credits, calls] = await Promise.all([
    db
      .select()
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, invoice.id))
      .orderBy(asc(invoiceLines.position)),
    invoiceLedger(db, invoice.id),
    db
      .select()
      .from(acceptances)
      .where(eq(acceptances.invoiceId, invoice.id))
      .then((r) => r[0] ?? null),
    db
      .select({
        sentAt: reminders.sentAt,
        scheduledOn: reminders.scheduledOn,
        channel: dunningSteps.channel,
        offsetDays: dunningSteps.offsetDays,
        to: emails.to,
        subject: emails.subject,
        text: emails.text,
        attachments: emails.attachments,
        taskTitle: tasks.title,
        taskNotes: tasks.notes,
      })
      .from(reminders)
      .innerJoin(dunningSteps, eq(dunningSteps.id, reminders.stepId))
      .leftJoin(emails, eq(emails.id, reminders.emailId))
      .leftJoin(tasks, eq(tasks.id, reminders.taskId))
      .where(and(eq(reminders.invoiceId, invoice.id), eq(reminders.status, 'sent')))
      .orderBy(asc(reminders.scheduledOn), asc(reminders.sentAt)),
    db.select().from(disputes).where(eq(disputes.invoiceId, invoice.id)).orderBy(asc(disputes.openedAt)),
    db.select().from(promises).where(eq(promises.invoiceId, invoice.id)).orderBy(asc(promises.createdAt)),
    db
      .select()
      .from(payments)
      .where(
        and(
          eq(payments.invoiceId, invoice.id),
          inArray(payments.status, ['succeeded', 'processing', 'failed']),
        ),
      )
      .orderBy(asc(payments.createdAt)),
    db
      .select()
      .from(creditNotes)
      .where(eq(creditNotes.invoiceId, invoice.id))
      .orderBy(asc(creditNotes.createdAt)),
    db
      .select({ task: tasks, doneByName: users.name })
      .from(tasks)
      .leftJoin(users, eq(users.id, tasks.doneBy))
      .where(and(eq(tasks.invoiceId, invoice.id), eq(tasks.kind, 'call')))
      .orderBy(asc(tasks.createdAt)),
  ]);
  const messages = threads.length
    ? await db
        .select()
        .from(disputeMessages)
        .where(
          inArray(
            disputeMessages.disputeId,
            threads.map((d) => d.id),
          ),
        )
        .orderBy(asc(disputeMessages.createdAt))
    : [];
  const notices: FormalNoticeData[] = [];
  for (const r of sent) {
    for (const a of r.attachments ?? []) {
      if (a.kind !== 'formal-notice') continue;
      const [, letterDate, amount] = a.refId.split(':');
      const notice = await loadFormalNotice(db, {
        businessId,
        invoiceId: invoice.id,
        letterDate: letterDate ?? '',
        amountDueMinor: Number(amount),
      });
      if (notice) notices.push(notice);
    }
  }
  return {
    seller: (invoice.seller ?? sellerSnapshot(row.seller)) as PartySnapshot,
    buyer: (invoice.buyer ?? buyerSnapshot(row.customer)) as PartySnapshot,
    timeZone: row.seller.timeZone,
    invoice: { ...invoice, number: invoice.number },
    lines,
    ledger: ledger as Ledger,
    handOff: row.handOff,
    acceptance,
    reminders: sent.map((r) => ({
      ...r,
      text: r.text ? withoutPrivateLinks(r.text) : null,
    })),
    notices,
    disputes: threads.map((d) => ({ ...d, messages: messages.filter((m) => m.disputeId === d.id) })),
    promises: promised,
    payments: paid,
    creditNotes: credits,
    calls: calls.map((c) => ({ ...c.task, doneByName: c.doneByName })),
  };
}

export type CaseFile = NonNullable<Awaited<ReturnType<typeof loadCaseFile>>>;

import { and, eq } from 'drizzle-orm';
import { business, customers, invoices } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { sendInvoiceLinkEmail } from '~/modules/email/send-invoice-link.server';
import { mintInvoiceLink } from '~/modules/links/mint-link.server';
import { nextNumber } from '~/modules/numbering/next-number.server';
import type { Db } from '~/utils/db.server';
import { addDaysIso, todayIn } from '~/utils/dates';
import { buyerSnapshot, sellerSnapshot } from './parties.server';

export type IssueResult =
  { status: 'issued'; number: string; url: string; emailed: boolean } | { status: 'not_draft' };

/**
 * draft -> open: takes the next gapless number, freezes seller and buyer identity, mints the debtor link and
 * queues the "invoice issued" email, all in one transaction. The issue date is today in the business's time zone
 * (or `issueDate`, for imports and demo data) and the due date keeps the draft's terms. Issuing twice, or two
 * clicks at once, issues once: the second finds no draft and changes nothing.
 */
export async function issueInvoice(
  db: Db,
  input: { businessId: string; invoiceId: string; actor: Actor; issueDate?: string; now?: Date },
): Promise<IssueResult> {
  return db.transaction(async (tx) => {
    const [draft] = await tx
      .select()
      .from(invoices)
      .where(
        and(
          eq(invoices.id, input.invoiceId),
          eq(invoices.businessId, input.businessId),
          eq(invoices.status, 'draft'),
        ),
      )
      .for('update');
    if (!draft) return { status: 'not_draft' } as const;
    const [seller] = await tx.select().from(business).where(eq(business.id, draft.businessId));
    const [customer] = await tx.select().from(customers).where(eq(customers.id, draft.customerId));
    if (!seller || !customer) throw new Error('invoice without business or customer');

    const issueDate = input.issueDate ?? todayIn(seller.timeZone, input.now);
    const dueDate = addDaysIso(issueDate, draft.termsDays);
    const year = Number(issueDate.slice(0, 4));
    const { seq, number } = await nextNumber(tx, draft.businessId, 'invoice', year);
    const issuedAt = input.now ?? new Date();
    await tx
      .update(invoices)
      .set({
        status: 'open',
        number,
        numberYear: year,
        numberSeq: seq,
        issueDate,
        dueDate,
        seller: sellerSnapshot(seller),
        buyer: buyerSnapshot(customer),
        issuedAt,
      })
      .where(and(eq(invoices.id, draft.id), eq(invoices.status, 'draft')));

    const link = await mintInvoiceLink(tx, draft.id, { now: issuedAt });
    const sent = await sendInvoiceLinkEmail(tx, {
      invoice: { ...draft, number, issueDate, dueDate },
      url: link.url,
      balanceMinor: draft.totalMinor,
      dedupeKey: `invoice-issued:${draft.id}`,
    });
    await recordEvent(tx, {
      businessId: seller.id,
      invoiceId: draft.id,
      customerId: customer.id,
      type: 'invoice.issued',
      actor: input.actor,
      data: {
        number,
        dueDate,
        totalMinor: draft.totalMinor,
        emailedTo: sent?.to ?? [],
        copied: sent?.cc ?? [],
      },
    });
    return { status: 'issued', number, url: link.url, emailed: Boolean(sent?.queued) } as const;
  });
}

import { and, desc, eq, sql } from 'drizzle-orm';
import { emails, invoices } from '#db/schema/index';
import type { DbOrTx } from '~/utils/db.server';

export const EMAILS_PER_PAGE = 50;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type OutboxRow = {
  id: string;
  createdAt: string;
  template: string;
  to: string[];
  cc: string[];
  subject: string;
  status: (typeof emails.$inferSelect)['status'];
};

/** One page of the business's emails, newest first, with the total count. */
export async function listOutbox(
  db: DbOrTx,
  businessId: string,
  page: number,
): Promise<{ rows: OutboxRow[]; total: number; pages: number }> {
  const found = await db
    .select({
      id: emails.id,
      createdAt: emails.createdAt,
      template: emails.template,
      to: emails.to,
      cc: emails.cc,
      subject: emails.subject,
      status: emails.status,
      total: sql<number>`count(*) OVER ()`.mapWith(Number),
    })
    .from(emails)
    .where(eq(emails.businessId, businessId))
    .orderBy(desc(emails.createdAt), desc(emails.id))
    .limit(EMAILS_PER_PAGE)
    .offset((page - 1) * EMAILS_PER_PAGE);
  let total = found[0]?.total ?? 0;
  if (!found.length && page > 1) {
    const [row] = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(emails)
      .where(eq(emails.businessId, businessId));
    total = row?.n ?? 0;
  }
  return {
    rows: found.map(({ total: _total, createdAt, ...row }) => ({
      ...row,
      createdAt: createdAt.toISOString(),
    })),
    total,
    pages: Math.max(1, Math.ceil(total / EMAILS_PER_PAGE)),
  };
}

/** One email of the business (headers, both bodies, and the invoice it is about), or null. */
export async function getOutboxEmail(db: DbOrTx, businessId: string, emailId: string) {
  if (!GUID.test(emailId)) return null;
  const [row] = await db
    .select({
      id: emails.id,
      createdAt: emails.createdAt,
      sentAt: emails.sentAt,
      template: emails.template,
      locale: emails.locale,
      fromAddress: emails.fromAddress,
      replyTo: emails.replyTo,
      to: emails.to,
      cc: emails.cc,
      subject: emails.subject,
      html: emails.html,
      text: emails.text,
      status: emails.status,
      attachments: emails.attachments,
      invoiceId: emails.invoiceId,
      invoiceNumber: invoices.number,
    })
    .from(emails)
    .leftJoin(invoices, eq(invoices.id, emails.invoiceId))
    .where(and(eq(emails.id, emailId), eq(emails.businessId, businessId)));
  return row ?? null;
}

import { and, asc, desc, eq } from 'drizzle-orm';
import {
  creditNotes,
  disputeLines,
  disputeMessages,
  disputes,
  invoiceLines,
  invoices,
  users,
} from '#db/schema/index';
import { isUuid } from '~/modules/dunning/ids';
import type { DbOrTx } from '~/utils/db.server';
import type { DisputeScope } from './post-dispute-message.server';
import type { DisputeReason } from './reasons';

export type DisputeThread = {
  id: string;
  invoiceId: string;
  status: 'waiting_for_us' | 'waiting_for_them' | 'accepted' | 'rejected';
  reason: DisputeReason;
  scope: 'invoice' | 'lines';
  amountMinor: number;
  openedAt: string;
  resolvedAt: string | null;
  lines: { id: string; description: string }[];
  messages: {
    id: string;
    author: 'debtor' | 'business';
    authorName: string | null;
    body: string;
    kind: 'opened' | 'accepted' | 'rejected' | null;
    attachesAcceptance: boolean;
    createdAt: string;
  }[];
  creditNote: { id: string; number: string; amountMinor: number } | null;
};

/** One dispute with its lines, messages (oldest first) and credit note, if the scope may see it. */
export async function loadDisputeThread(
  db: DbOrTx,
  scope: DisputeScope,
  disputeId: string,
): Promise<DisputeThread | null> {
  if (!isUuid(disputeId)) return null;
  const [dispute] = await db
    .select({ d: disputes })
    .from(disputes)
    .innerJoin(invoices, eq(invoices.id, disputes.invoiceId))
    .where(
      and(
        eq(disputes.id, disputeId),
        'invoiceId' in scope ? eq(invoices.id, scope.invoiceId) : eq(invoices.businessId, scope.businessId),
      ),
    );
  if (!dispute) return null;
  const d = dispute.d;
  const [lines, messages, credit] = await Promise.all([
    db
      .select({ id: invoiceLines.id, description: invoiceLines.description })
      .from(disputeLines)
      .innerJoin(invoiceLines, eq(invoiceLines.id, disputeLines.lineId))
      .where(eq(disputeLines.disputeId, d.id))
      .orderBy(asc(invoiceLines.position)),
    db
      .select({ m: disputeMessages, name: users.name })
      .from(disputeMessages)
      .leftJoin(users, eq(users.id, disputeMessages.userId))
      .where(eq(disputeMessages.disputeId, d.id))
      .orderBy(asc(disputeMessages.createdAt)),
    db
      .select({ id: creditNotes.id, number: creditNotes.number, amountMinor: creditNotes.amountMinor })
      .from(creditNotes)
      .where(eq(creditNotes.disputeId, d.id)),
  ]);
  return {
    id: d.id,
    invoiceId: d.invoiceId,
    status: d.status,
    reason: d.reason,
    scope: d.scope,
    amountMinor: d.amountMinor,
    openedAt: d.openedAt.toISOString(),
    resolvedAt: d.resolvedAt?.toISOString() ?? null,
    lines,
    messages: messages.map(({ m, name }) => ({
      id: m.id,
      author: m.author,
      authorName: name,
      body: m.body,
      kind: m.kind,
      attachesAcceptance: m.attachesAcceptance,
      createdAt: m.createdAt.toISOString(),
    })),
    creditNote: credit[0] ?? null,
  };
}

/** The invoice's most recent dispute (in progress or resolved), for the debtor's page. */
export async function latestDispute(db: DbOrTx, invoiceId: string): Promise<DisputeThread | null> {
  const [row] = await db
    .select({ id: disputes.id })
    .from(disputes)
    .where(eq(disputes.invoiceId, invoiceId))
    .orderBy(desc(disputes.openedAt))
    .limit(1);
  return row ? loadDisputeThread(db, { invoiceId }, row.id) : null;
}

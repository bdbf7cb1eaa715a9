import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import {
  customers,
  invoices,
  payments,
  refunds,
  statementLinks,
  statementPaymentAllocations,
  statementPayments,
} from '#db/schema/index';
import { statementsText } from '~/i18n/statements';
import type { Actor } from '~/modules/audit/record-event.server';
import { isUuid } from '~/modules/dunning/ids';
import type { Db, DbOrTx } from '~/utils/db.server';
import { translator, type Locale } from '~/utils/i18n';
import type { RefundReply } from '~/components/admin/refund-form';
import { runRefundAction } from '~/modules/payments/refund-action.server';
import { openStatementInvoices, recentlyPaidInvoices, totalsByCurrency } from './load-statement.server';
import { refundStatementPayment } from './refund-statement-payment.server';
import { revokeStatementLinks, rotateStatementLink } from './statement-links.server';

/** The admin's view of one customer's statement: the same figures as the customer's page, links, payments. */
export async function loadAdminStatement(
  db: DbOrTx,
  input: { businessId: string; customerId: string; timeZone: string; today: string },
) {
  if (!isUuid(input.customerId)) return null;
  const [customer] = await db
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(and(eq(customers.id, input.customerId), eq(customers.businessId, input.businessId)));
  if (!customer) return null;
  const open = await openStatementInvoices(db, customer.id, input.today);
  const [links] = await db
    .select({
      live: sql<number>`count(*)`.mapWith(Number),
      expires: sql<string | null>`max(${statementLinks.expiresAt})::text`,
    })
    .from(statementLinks)
    .where(
      and(
        eq(statementLinks.customerId, customer.id),
        isNull(statementLinks.revokedAt),
        gt(statementLinks.expiresAt, sql`now()`),
      ),
    );
  const paymentsRows = await db
    .select()
    .from(statementPayments)
    .where(eq(statementPayments.customerId, customer.id))
    .orderBy(desc(statementPayments.createdAt))
    .limit(50);
  const allocations = paymentsRows.length
    ? await db
        .select({
          statementPaymentId: statementPaymentAllocations.statementPaymentId,
          invoiceId: statementPaymentAllocations.invoiceId,
          number: invoices.number,
          position: statementPaymentAllocations.position,
          amountMinor: statementPaymentAllocations.amountMinor,
          appliedMinor: statementPaymentAllocations.appliedMinor,
        })
        .from(statementPaymentAllocations)
        .innerJoin(invoices, eq(invoices.id, statementPaymentAllocations.invoiceId))
        .where(
          inArray(
            statementPaymentAllocations.statementPaymentId,
            paymentsRows.map((p) => p.id),
          ),
        )
        .orderBy(statementPaymentAllocations.position)
    : [];
  // What came back of each: the refunds recorded on its shares, and the excess when it was sent back.
  const sharesRefunded = paymentsRows.length
    ? await db
        .select({
          statementPaymentId: payments.statementPaymentId,
          minor: sql<string>`COALESCE(SUM(${refunds.amountMinor}), 0)`,
        })
        .from(refunds)
        .innerJoin(payments, eq(payments.id, refunds.paymentId))
        .where(
          and(
            inArray(
              payments.statementPaymentId,
              paymentsRows.map((p) => p.id),
            ),
            inArray(refunds.status, ['pending', 'succeeded']),
          ),
        )
        .groupBy(payments.statementPaymentId)
    : [];
  const refundedOf = (p: (typeof paymentsRows)[number]) =>
    Number(sharesRefunded.find((r) => r.statementPaymentId === p.id)?.minor ?? 0) +
    (p.excessRefundId ? p.excessMinor : 0);
  return {
    customer,
    open,
    totals: totalsByCurrency(open),
    recent: await recentlyPaidInvoices(db, customer.id, input.timeZone),
    links: { live: links?.live ?? 0, expiresAt: links?.expires ? links.expires.slice(0, 10) : null },
    payments: paymentsRows.map((p) => {
      const refundedMinor = refundedOf(p);
      const lostMinor = p.chargebackStatus === 'lost' ? p.chargebackAmountMinor : 0;
      return {
        id: p.id,
        createdAt: p.createdAt.toISOString(),
        currency: p.currency,
        amountMinor: p.amountMinor,
        status: p.status,
        excessMinor: p.excessMinor,
        excessRefunded: Boolean(p.excessRefundId),
        paymentIntentId: p.stripePaymentIntentId,
        refundedMinor,
        /** Shown on the form; refundStatementPayment checks it again against Stripe's own list. */
        refundableMinor:
          p.status === 'succeeded' && p.appliedAt && p.stripePaymentIntentId
            ? Math.max(0, p.amountMinor - refundedMinor - lostMinor)
            : 0,
        allocations: allocations.filter((a) => a.statementPaymentId === p.id),
      };
    }),
  };
}

export type StatementAdminReply = RefundReply & { message: string; url?: string };

/** send / rotate / revoke the customer's statement link, or refund one of their statement payments. */
export async function runStatementAdminAction(
  db: Db,
  input: { businessId: string; customerId: string; actor: Actor; locale: Locale; form: FormData },
): Promise<{ status: number; reply: StatementAdminReply }> {
  const t = translator(input.locale, statementsText);
  const intent = String(input.form.get('intent') ?? '');
  if (!isUuid(input.customerId))
    return { status: 404, reply: { ok: false, message: t('astatement.unknownAction') } };
  const ids = { businessId: input.businessId, customerId: input.customerId, actor: input.actor };
  if (intent === 'refund') {
    const currency = await statementPaymentCurrency(db, input);
    const { status, ...reply } = await runRefundAction({
      currency: currency ?? 'EUR',
      locale: input.locale,
      form: input.form,
      doneKey: 'refund.done.statement',
      refund: ({ paymentId, ...request }) =>
        refundStatementPayment(db, { ...request, ...ids, statementPaymentId: paymentId }),
    });
    return { status, reply: { intent, ...reply } };
  }
  if (intent === 'send' || intent === 'rotate') {
    const result = await rotateStatementLink(db, { ...ids, sendEmail: intent === 'send' });
    if (!result.ok) {
      return result.error === 'not_found'
        ? { status: 404, reply: { ok: false, message: t('astatement.unknownAction') } }
        : { status: 409, reply: { ok: false, message: t('astatement.noRecipient') } };
    }
    return {
      status: 200,
      reply: {
        ok: true,
        message: t(intent === 'send' ? 'astatement.sent' : 'astatement.rotated'),
        url: result.url,
      },
    };
  }
  if (intent === 'revoke') {
    const result = await revokeStatementLinks(db, ids);
    if (!result.ok) return { status: 404, reply: { ok: false, message: t('astatement.unknownAction') } };
    return { status: 200, reply: { ok: true, message: t('astatement.revoked', { count: result.revoked }) } };
  }
  return { status: 400, reply: { ok: false, message: t('astatement.unknownAction') } };
}

/** The currency of the statement payment a refund form names (its amount is read in it), if it is the customer's. */
async function statementPaymentCurrency(
  db: DbOrTx,
  input: { businessId: string; customerId: string; form: FormData },
) {
  const id = String(input.form.get('paymentId') ?? '');
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ currency: statementPayments.currency })
    .from(statementPayments)
    .where(
      and(
        eq(statementPayments.id, id),
        eq(statementPayments.businessId, input.businessId),
        eq(statementPayments.customerId, input.customerId),
      ),
    );
  return row?.currency ?? null;
}

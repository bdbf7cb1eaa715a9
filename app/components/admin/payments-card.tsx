import { Link } from '@remix-run/react';
import { money } from '~/components/invoice/format';
import type { InvoiceActionReply } from '~/modules/invoices/admin-invoice-actions.server';
import type { PaymentRow } from '~/modules/payments/list-invoice-payments.server';
import { formatDate, type Locale, type T } from '~/utils/i18n';
import { RefundForm } from './refund-form';
import { card, textLink } from './ui';

type Props = {
  payments: PaymentRow[];
  locale: Locale;
  t: T;
  csrf: string;
  busy: boolean;
  requestKey: string;
  reply: InvoiceActionReply | undefined;
  /** Keeps ?lang= on links. */
  lang: (to: string) => string;
  /** The customer's statement page, where a payment made from the statement is refunded. */
  statementHref: string;
};

const tone = {
  neutral: 'bg-slate-100 text-slate-800 ring-slate-300',
  good: 'bg-emerald-50 text-emerald-900 ring-emerald-300',
  wait: 'bg-amber-50 text-amber-950 ring-amber-300',
  bad: 'bg-red-50 text-red-800 ring-red-300',
};

function Badge({ children, kind }: { children: string; kind: keyof typeof tone }) {
  return (
    <span
      className={`inline-flex whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${tone[kind]}`}
    >
      {children}
    </span>
  );
}

/** Where a payment stands, as badges: its status, then refunds and a chargeback when there are any. */
function badges(p: PaymentRow, t: T, m: (minor: number) => string): [string, keyof typeof tone][] {
  const list: [string, keyof typeof tone][] = [];
  const fullyRefunded = p.status === 'succeeded' && p.refundedMinor >= p.amountMinor;
  if (fullyRefunded) list.push([t('payments.state.refunded'), 'neutral']);
  else {
    const kind = {
      succeeded: 'good',
      processing: 'wait',
      requires_action: 'wait',
      failed: 'bad',
      canceled: 'neutral',
    } as const;
    list.push([t(`payments.state.${p.status}`), kind[p.status]]);
    if (p.refundedMinor > 0)
      list.push([t('payments.state.partlyRefunded', { amount: m(p.refundedMinor) }), 'neutral']);
  }
  if (p.refundPendingMinor > 0)
    list.push([t('payments.state.refundPending', { amount: m(p.refundPendingMinor) }), 'wait']);
  if (p.chargebackStatus === 'won') list.push([t('payments.state.chargebackWon'), 'good']);
  else if (p.chargebackStatus === 'lost')
    list.push([t('payments.state.chargebackLost', { amount: m(p.chargebackAmountMinor) }), 'bad']);
  else if (p.chargebackStatus) list.push([t('payments.state.chargebackOpen'), 'bad']);
  return list;
}

/** Every payment of the invoice (card, bank debit, transfer, cheque...) with its state, receipt and refund form. */
export function PaymentsCard(props: Props) {
  const { payments, locale, t, lang } = props;
  return (
    <section aria-labelledby="payments-title" className={card}>
      <h2 id="payments-title" className="text-base font-semibold text-slate-900">
        {t('payments.title')}
      </h2>
      {payments.length === 0 ? (
        <p className="mt-3 text-sm text-slate-700">{t('payments.empty')}</p>
      ) : (
        <ul aria-label={t('payments.caption')} className="mt-3 divide-y divide-slate-200">
          {payments.map((p) => {
            const m = (minor: number) => money(minor, p.currency, locale);
            const method = p.method
              ? t(`paymentMethod.${p.method}`)
              : p.stripePaymentIntentId
                ? t('payments.stripe')
                : '—';
            return (
              <li key={p.id} className="py-3 first:pt-0 last:pb-0">
                <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
                  <div className="min-w-0 text-sm">
                    <p className="font-medium text-slate-900">
                      {formatDate(p.date, locale)} · {method}
                    </p>
                    {p.reference ? (
                      <p className="break-words text-slate-700">
                        {t('payments.reference', { reference: p.reference })}
                      </p>
                    ) : null}
                    {p.stripePaymentIntentId ? (
                      <p className="break-all font-mono text-xs text-slate-600">{p.stripePaymentIntentId}</p>
                    ) : null}
                    {p.status === 'failed' && p.failureMessage ? (
                      <p className="text-red-800">{p.failureMessage}</p>
                    ) : null}
                  </div>
                  <div className="ml-auto text-right">
                    <p className="text-base font-semibold tabular-nums text-slate-900">{m(p.amountMinor)}</p>
                    <p className="mt-1 flex flex-wrap justify-end gap-1.5">
                      {badges(p, t, m).map(([label, kind]) => (
                        <Badge key={label} kind={kind}>
                          {label}
                        </Badge>
                      ))}
                    </p>
                  </div>
                </div>
                {p.status === 'succeeded' ? (
                  <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
                    <a
                      href={lang(`/admin/payments/${p.id}/receipt`)}
                      className={textLink}
                      aria-label={t('payments.receiptLabel', {
                        date: formatDate(p.date, locale),
                        amount: m(p.amountMinor),
                      })}
                      download
                    >
                      {t('payments.receipt')}
                    </a>
                    {p.fromStatement ? (
                      <Link to={lang(props.statementHref)} className={textLink}>
                        {t('payments.fromStatement')}
                      </Link>
                    ) : null}
                    {p.refundableMinor > 0 ? (
                      // Keyed by the page's request key: after a refund, a fresh form, closed.
                      <RefundForm key={props.requestKey} {...props} payment={p} />
                    ) : null}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

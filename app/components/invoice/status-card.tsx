import { useEffect, useRef } from 'react';
import type { DebtorStatus } from '~/modules/invoices/status';
import type { InvoiceView } from '~/modules/invoices/types';
import { formatDate, type Locale, type T } from '~/utils/i18n';
import { money } from './format';

const tones = {
  good: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  info: 'border-sky-300 bg-sky-50 text-sky-900',
  soon: 'border-amber-300 bg-amber-50 text-amber-950',
  late: 'border-red-300 bg-red-50 text-red-900',
  muted: 'border-slate-300 bg-slate-100 text-slate-800',
};

export function statusText(status: DebtorStatus, view: InvoiceView, locale: Locale, t: T) {
  const m = (v: number) => money(v, view.currency, locale);
  const d = (iso: string) => formatDate(iso, locale);
  switch (status.kind) {
    case 'paid':
      return {
        tone: tones.good,
        title: t('status.paid'),
        detail: view.paidAt ? t('amount.paidOn', { date: d(view.paidAt.slice(0, 10)) }) : null,
      };
    case 'void':
      return { tone: tones.muted, title: t('status.void'), detail: t('status.void.detail') };
    case 'written_off':
      return {
        tone: tones.muted,
        title: t('status.written_off'),
        detail: t('status.written_off.detail', { business: view.seller.name }),
      };
    case 'processing':
      return {
        tone: tones.info,
        title: t('status.processing'),
        detail: t('status.processing.detail', { amount: m(status.amountMinor) }),
      };
    case 'disputed':
      return { tone: tones.info, title: t('status.disputed'), detail: t('status.disputed.detail') };
    case 'plan':
      return {
        tone: tones.info,
        title: t('status.plan'),
        detail:
          status.nextDueDate && status.nextAmountMinor
            ? t('status.plan.detail', { amount: m(status.nextAmountMinor), date: d(status.nextDueDate) })
            : null,
      };
    case 'promised':
      return {
        tone: tones.info,
        title: t('status.promised', { date: d(status.date) }),
        detail: t('status.promised.detail'),
      };
    case 'due_in':
      return {
        tone: status.days <= 7 ? tones.soon : tones.muted,
        title: t(status.days === 1 ? 'status.due_in.one' : 'status.due_in.other', { days: status.days }),
        detail: t('status.dueOn', { date: d(view.dueDate) }),
      };
    case 'due_today':
      return {
        tone: tones.soon,
        title: t('status.due_today'),
        detail: t('status.dueOn', { date: d(view.dueDate) }),
      };
    case 'late':
      return {
        tone: tones.late,
        title: t(status.days === 1 ? 'status.late.one' : 'status.late.other', { days: status.days }),
        detail: t('status.dueOn', { date: d(view.dueDate) }),
      };
  }
}

/** The amount and the one sentence that says where things stand. */
export function StatusCard({
  status,
  view,
  locale,
  t,
}: {
  status: DebtorStatus;
  view: InvoiceView;
  locale: Locale;
  t: T;
}) {
  const s = statusText(status, view, locale, t);
  const settled = status.kind === 'paid' || status.kind === 'void';
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef(status.kind);
  // When a payment made on the page settles it (the payment form goes away), focus lands on the news.
  useEffect(() => {
    if (shown.current === status.kind) return;
    shown.current = status.kind;
    if (status.kind === 'paid' || status.kind === 'processing') heading.current?.focus();
  }, [status.kind]);
  return (
    <section
      aria-labelledby="status-title"
      className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
    >
      <div
        className={`inline-flex rounded-full border px-3 py-1 text-sm font-semibold ${s.tone}`}
        role="status"
      >
        <h2 id="status-title" ref={heading} tabIndex={-1} className="outline-none">
          {s.title}
        </h2>
      </div>
      {s.detail ? <p className="mt-2 text-sm text-slate-700">{s.detail}</p> : null}
      <p className="mt-5 text-sm font-medium text-slate-600">
        {settled ? t('amount.total') : t('amount.balance')}
      </p>
      <p className="mt-1 text-4xl font-semibold tracking-tight tabular-nums text-slate-900">
        {money(settled ? view.totalMinor : view.balanceMinor, view.currency, locale)}
      </p>
    </section>
  );
}

import { useActionData, useFetcher } from '@remix-run/react';
import { useMemo, useState } from 'react';
import { Lock, payButton } from '~/components/invoice/amount-form';
import { money } from '~/components/invoice/format';
import { pageNonce, preloadStripeJs } from '~/components/invoice/stripe-js';
import { allocate } from '~/modules/statements/allocate';
import type { CurrencyTotal, StatementInvoice } from '~/modules/statements/load-statement.server';
import type { StatementActionData } from '~/modules/statements/statement-page.server';
import { formatDate, type Locale, type T } from '~/utils/i18n';
import { minorDigits, parseDecimal } from '~/utils/money';
import { useNonce } from '~/utils/nonce';
import { ColumnHeads } from '~/components/table/column-heads';
import { StatementPayment } from './statement-payment';

const stateTone: Record<string, string> = {
  late: 'bg-red-50 text-red-800 ring-red-300',
  due: 'bg-slate-100 text-slate-800 ring-slate-300',
  disputed: 'bg-amber-50 text-amber-950 ring-amber-300',
  promised: 'bg-sky-50 text-sky-900 ring-sky-300',
  plan: 'bg-sky-50 text-sky-900 ring-sky-300',
  processing: 'bg-violet-50 text-violet-900 ring-violet-300',
};

/**
 * One currency's open invoices, and paying several of them at once: the overdue ones are ticked, an amount may be
 * typed instead, and the preview shows how the server will apply it (oldest due first, the same function).
 */
export function CurrencyGroup(props: {
  total: CurrencyTotal;
  invoices: StatementInvoice[];
  token: string;
  csrf: string;
  stripeJs: string | null;
  onPaid: (outcome: { status: 'succeeded' | 'processing'; amountMinor: number }) => void;
  locale: Locale;
  t: T;
}) {
  const { total, invoices, token, csrf, stripeJs, onPaid, locale, t } = props;
  const { currency } = total;
  const m = (minor: number) => money(minor, currency, locale);
  const pay = useFetcher<StatementActionData>({ key: `statement-pay-${currency}` });
  const nonce = useNonce();
  const [ticked, setTicked] = useState<Set<string>>(
    () => new Set(invoices.filter((i) => i.payableMinor > 0 && i.daysLate > 0).map((i) => i.id)),
  );
  const [amount, setAmount] = useState('');
  // The payment that was confirmed: its form goes, and a new one comes only with a new answer.
  const [doneSecret, setDoneSecret] = useState<string | null>(null);
  const busy = pay.state !== 'idle';
  // A press before the page's JavaScript has started posts the form natively: its answer comes as action data.
  const native = useActionData<StatementActionData>();
  const posted =
    pay.data ?? (native?.intent === 'pay' && (native.ok || native.currency === currency) ? native : null);
  const answer = posted?.intent === 'pay' && !busy ? posted : null;
  const session = answer?.ok && answer.clientSecret !== doneSecret ? answer : null;
  const refusal = answer && !answer.ok ? answer : null;

  const payable = invoices.filter((i) => i.payableMinor > 0);
  const chosen = ticked.size ? payable.filter((i) => ticked.has(i.id)) : payable;
  const owed = chosen.reduce((s, i) => s + i.payableMinor, 0);
  const typed = amount.trim() ? parseDecimal(amount, minorDigits(currency)) : null;
  const preview = useMemo(() => {
    const target = amount.trim() ? (typed !== null && typed > 0 && typed <= owed ? typed : null) : owed;
    if (target === null || (!ticked.size && !amount.trim())) return null;
    return allocate(
      target,
      chosen.map((i) => ({
        invoiceId: i.id,
        dueDate: i.dueDate,
        number: i.number,
        balanceMinor: i.payableMinor,
        disputedMinor: 0,
      })),
    ).shares;
  }, [amount, typed, owed, chosen, ticked.size]);
  const numberOf = new Map(invoices.map((i) => [i.id, i]));
  const previewTotal = preview?.reduce((s, x) => s + x.amountMinor, 0) ?? 0;
  const idp = `stmt-${currency}`;
  const th = 'px-1.5 py-2 text-left font-medium text-slate-600 whitespace-nowrap';
  const td = 'px-1.5 py-2 align-top';

  return (
    <section
      aria-labelledby={`${idp}-title`}
      className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
    >
      <h2 id={`${idp}-title`} className="text-lg font-semibold text-slate-900">
        {t('statement.open')} ({currency})
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        <strong className="tabular-nums text-slate-900">
          {t('statement.totals', { amount: m(total.balanceMinor) })}
        </strong>
        {total.overdueMinor ? (
          <> · {t('statement.totals.overdue', { amount: m(total.overdueMinor) })}</>
        ) : null}
      </p>
      <pay.Form
        method="post"
        noValidate
        className="mt-3"
        onSubmit={(e) => {
          if (busy) e.preventDefault();
          else if (stripeJs) preloadStripeJs(stripeJs, pageNonce(nonce));
        }}
      >
        <input type="hidden" name="csrf" value={csrf} />
        <input type="hidden" name="intent" value="pay" />
        <input type="hidden" name="currency" value={currency} />
        <div className="overflow-x-auto">
          <table
            className="w-full text-sm"
            aria-describedby={refusal?.fieldErrors.invoices ? `${idp}-invoices-error` : undefined}
          >
            <caption className="sr-only">{t('statement.pay.invoices')}</caption>
            <thead>
              <ColumnHeads
                cellClass={th}
                columns={[
                  { label: t('statement.col.pay') },
                  { label: t('statement.col.number') },
                  { label: t('statement.col.due') },
                  { label: t('statement.col.amount'), numeric: true },
                  { label: t('statement.col.paid'), numeric: true },
                  { label: t('statement.col.balance'), numeric: true },
                  { label: t('statement.col.state') },
                ]}
              />
            </thead>
            <tbody className="divide-y divide-slate-100 text-slate-900">
              {invoices.map((i) => (
                <tr key={i.id}>
                  <td className={td}>
                    {i.payableMinor > 0 ? (
                      <input
                        type="checkbox"
                        name="invoice"
                        value={i.id}
                        checked={ticked.has(i.id)}
                        onChange={(e) => {
                          const next = new Set(ticked);
                          if (e.currentTarget.checked) next.add(i.id);
                          else next.delete(i.id);
                          setTicked(next);
                        }}
                        aria-label={t('statement.tick', { number: i.number })}
                        className="h-5 w-5 accent-brand-700"
                      />
                    ) : null}
                  </td>
                  <td className={td}>
                    <a
                      href={`/s/${token}/invoice/${i.id}?lang=${locale}`}
                      className="whitespace-nowrap font-medium text-brand-700 underline underline-offset-2"
                      aria-label={t('statement.invoiceLink', { number: i.number })}
                    >
                      {i.number}
                    </a>
                    <span className="block whitespace-nowrap text-xs text-slate-600">
                      {t('statement.issuedOn', { date: formatDate(i.issueDate, locale, 'short') })}
                    </span>
                  </td>
                  <td className={`${td} whitespace-nowrap`}>
                    {formatDate(i.dueDate, locale, 'short')}
                    {i.daysLate > 0 ? (
                      <span className="block text-xs font-medium text-red-800">
                        {t('statement.lateBy', { days: i.daysLate })}
                      </span>
                    ) : null}
                  </td>
                  <td className={`${td} text-right tabular-nums`}>{m(i.totalMinor)}</td>
                  <td className={`${td} text-right tabular-nums`}>{m(i.paidMinor)}</td>
                  <td className={`${td} text-right font-semibold tabular-nums`}>{m(i.balanceMinor)}</td>
                  <td className={td}>
                    <span className="flex flex-wrap gap-1">
                      {i.states.map((s) => (
                        <span
                          key={s}
                          className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${stateTone[s]}`}
                        >
                          {t(`statement.state.${s}`)}
                        </span>
                      ))}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {refusal?.fieldErrors.invoices ? (
          <p id={`${idp}-invoices-error`} className="mt-2 text-sm font-medium text-red-700">
            {refusal.fieldErrors.invoices}
          </p>
        ) : null}
        {stripeJs && payable.length ? (
          <div className="mt-5 border-t border-slate-200 pt-4">
            <h3 className="text-base font-semibold text-slate-900">
              {t('statement.pay.title', { currency })}
            </h3>
            <p className="mt-1 text-sm text-slate-700">{t('statement.pay.hint')}</p>
            <div className="mt-3 max-w-xs">
              <label htmlFor={`${idp}-amount`} className="block text-sm font-medium text-slate-800">
                {t('statement.pay.amount')}
              </label>
              <input
                id={`${idp}-amount`}
                name="amount"
                inputMode="decimal"
                autoComplete="off"
                value={amount}
                onChange={(e) => setAmount(e.currentTarget.value)}
                aria-invalid={refusal?.fieldErrors.amount ? true : undefined}
                aria-describedby={`${idp}-amount-hint${refusal?.fieldErrors.amount ? ` ${idp}-amount-error` : ''}`}
                className="mt-1 block w-full rounded-lg border border-slate-400 px-3 py-2 text-base tabular-nums"
              />
              <p id={`${idp}-amount-hint`} className="mt-1 text-xs text-slate-600">
                {t('statement.pay.amount.hint', { amount: m(owed) })}
              </p>
              {refusal?.fieldErrors.amount ? (
                <p id={`${idp}-amount-error`} className="mt-1 text-sm font-medium text-red-700">
                  {refusal.fieldErrors.amount}
                </p>
              ) : null}
            </div>
            <div className="mt-3 text-sm" aria-live="polite">
              <p className="font-medium text-slate-800">{t('statement.pay.preview')}</p>
              {preview?.length ? (
                <ul className="mt-1 list-disc pl-5 text-slate-700">
                  {preview.map((s) => {
                    const invoice = numberOf.get(s.invoiceId)!;
                    const key =
                      s.amountMinor < invoice.payableMinor
                        ? 'statement.pay.preview.partial'
                        : 'statement.pay.preview.line';
                    return (
                      <li key={s.invoiceId}>
                        {t(key, { number: invoice.number, amount: m(s.amountMinor) })}
                      </li>
                    );
                  })}
                </ul>
              ) : (
                <p className="mt-1 text-slate-700">{t('statement.pay.preview.none')}</p>
              )}
            </div>
            {refusal?.formError ? (
              <p
                role="alert"
                className="mt-3 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800"
              >
                {refusal.formError}
              </p>
            ) : null}
            {!session ? (
              <button type="submit" aria-disabled={busy || undefined} className={`mt-4 ${payButton}`}>
                <Lock />
                {previewTotal
                  ? t('statement.pay.submit', { amount: m(previewTotal) })
                  : t('statement.pay.submitAll')}
              </button>
            ) : null}
          </div>
        ) : null}
      </pay.Form>
      {session && stripeJs ? (
        <div>
          <StatementPayment
            session={session}
            stripeJs={stripeJs}
            csrf={csrf}
            currency={currency}
            onDone={(outcome) => {
              setDoneSecret(session.clientSecret);
              setTicked(new Set());
              setAmount('');
              onPaid(outcome);
            }}
            locale={locale}
            t={t}
          />
        </div>
      ) : null}
    </section>
  );
}

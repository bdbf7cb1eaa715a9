import type { FetcherWithComponents } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import type { Locale, T } from '~/utils/i18n';
import { minorDigits, parseDecimal } from '~/utils/money';
import { money } from './format';

export const payButton =
  'inline-flex w-full items-center justify-center gap-2 rounded-lg bg-brand-700 px-5 py-3 text-base font-semibold text-white shadow-sm hover:bg-brand-800 aria-disabled:cursor-wait aria-disabled:opacity-70 sm:w-auto';
const AMOUNT_ERRORS = ['amount_invalid', 'amount_too_small', 'amount_too_large', 'partial_not_allowed'];

export type PayRefusal = { error: string; minMinor?: number; maxMinor?: number };

/**
 * Step one: how much to pay. The balance by default; another amount only where the business allows it (the
 * server decides, and says why it refuses, beside the field when the field is the reason).
 */
export function AmountForm({
  pay,
  answer,
  csrf,
  currency,
  payableMinor,
  minPartialMinor,
  onSubmit,
  focusFirst,
  locale,
  t,
}: {
  pay: FetcherWithComponents<unknown>;
  /** The server's refusal of the last attempt, if any. */
  answer: PayRefusal | null;
  csrf: string;
  currency: string;
  payableMinor: number;
  minPartialMinor: number | null;
  onSubmit: () => void;
  /** Back from the payment step ("change the amount"): the focus comes here rather than being lost. */
  focusFirst: boolean;
  locale: Locale;
  t: T;
}) {
  const [other, setOther] = useState(false);
  const [typed, setTyped] = useState('');
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (focusFirst) form.current?.querySelector<HTMLElement>('input:checked, button')?.focus();
  }, [focusFirst]);
  const m = (minor: number) => money(minor, currency, locale);
  const busy = pay.state !== 'idle';
  const typedMinor = other ? parseDecimal(typed, minorDigits(currency)) : null;
  const amountMinor = typedMinor && typedMinor > 0 ? typedMinor : payableMinor;
  const error = busy ? null : answer;
  const fieldError = Boolean(error && other && AMOUNT_ERRORS.includes(error.error));
  const text = error
    ? t(`pay.error.${error.error}`, {
        min: m(error.minMinor ?? minPartialMinor ?? 0),
        max: m(error.maxMinor ?? payableMinor),
      })
    : '';
  const message = text.startsWith('pay.error.') ? t('pay.error.generic') : text;

  return (
    <pay.Form
      ref={form}
      method="post"
      noValidate
      className="mt-3 noscript:hidden"
      onSubmit={(event) => (busy ? event.preventDefault() : onSubmit())}
    >
      <input type="hidden" name="csrf" value={csrf} />
      <input type="hidden" name="intent" value="pay" />
      {minPartialMinor !== null ? (
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">{t('pay.amount.legend')}</legend>
          <div className="mt-2 space-y-2 text-sm text-slate-900">
            <label className="flex items-center gap-3">
              <input
                type="radio"
                name="choice"
                checked={!other}
                onChange={() => setOther(false)}
                className="h-5 w-5 accent-brand-700"
              />
              <span>{t('pay.amount.balance', { amount: m(payableMinor) })}</span>
            </label>
            <label className="flex items-center gap-3">
              <input
                type="radio"
                name="choice"
                checked={other}
                onChange={() => setOther(true)}
                className="h-5 w-5 accent-brand-700"
              />
              <span>{t('pay.amount.other')}</span>
            </label>
          </div>
          {other ? (
            <div className="mt-3 pl-8">
              <label htmlFor="pay-amount" className="block text-sm font-medium text-slate-800">
                {t('pay.amount.label', { currency })}
              </label>
              <input
                id="pay-amount"
                name="amount"
                inputMode="decimal"
                autoComplete="off"
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
                aria-invalid={fieldError || undefined}
                aria-describedby={fieldError ? 'pay-amount-hint pay-amount-error' : 'pay-amount-hint'}
                className="mt-1 block w-40 rounded-lg border border-slate-400 bg-white px-3 py-2 text-base tabular-nums text-slate-900 focus:border-brand-600 aria-[invalid=true]:border-red-600"
              />
              <p id="pay-amount-hint" className="mt-1 text-xs text-slate-600">
                {t('pay.amount.hint', { min: m(minPartialMinor), max: m(payableMinor) })}
              </p>
              {fieldError ? (
                <p id="pay-amount-error" role="alert" className="mt-1 text-sm font-medium text-red-700">
                  {message}
                </p>
              ) : null}
            </div>
          ) : null}
        </fieldset>
      ) : null}
      {error && !fieldError ? (
        <p
          role="alert"
          className="mt-3 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800"
        >
          {message}
        </p>
      ) : null}
      <button type="submit" aria-disabled={busy || undefined} className={`mt-4 ${payButton}`}>
        <Lock />
        {t('pay.submit', { amount: m(amountMinor) })}
      </button>
    </pay.Form>
  );
}

export function Lock() {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 shrink-0">
      <path
        fillRule="evenodd"
        d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z"
        clipRule="evenodd"
      />
    </svg>
  );
}

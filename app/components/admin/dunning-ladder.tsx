import { Form, Link } from '@remix-run/react';
import { CsrfInput } from '~/components/forms/field';
import type { LadderStep } from '~/modules/dunning/policy-steps.server';
import type { Locale, T } from '~/utils/i18n';
import { offsetLabel, offsetShort, toneClass } from './dunning-format';
import { textLink } from './ui';

type Props = {
  steps: LadderStep[];
  selected: string | null;
  locale: Locale;
  csrf: string;
  busy: boolean;
  /** The page's link builder (keeps ?lang=). */
  link: (query: string) => string;
  t: T;
};

/** The policy's steps as a vertical timeline, each with its edit link and a remove button. */
export function DunningLadder({ steps, selected, locale, csrf, busy, link, t }: Props) {
  if (!steps.length) return <p className="mt-3 text-sm text-slate-700">{t('policy.ladder.empty')}</p>;
  return (
    <ol className="mt-4">
      {steps.map((step, i) => {
        const label = offsetLabel(step.offsetDays, t);
        const current = step.id === selected;
        return (
          <li key={step.id} className="relative flex gap-3 pb-5 last:pb-0">
            {i < steps.length - 1 ? (
              <span
                aria-hidden
                className="absolute left-[21px] top-11 h-[calc(100%-2.5rem)] w-px bg-slate-200"
              />
            ) : null}
            <span
              aria-hidden
              className={`flex h-11 w-11 shrink-0 items-center justify-center rounded-full border-2 text-xs font-bold tabular-nums ${
                current
                  ? 'border-brand-700 bg-brand-700 text-white'
                  : 'border-brand-600 bg-white text-brand-800'
              }`}
            >
              {offsetShort(step.offsetDays, t)}
            </span>
            <div
              className={`min-w-0 flex-1 rounded-xl px-3 py-2 ${current ? 'bg-brand-50 ring-1 ring-brand-100' : ''}`}
            >
              <p className="text-sm font-semibold text-slate-900">{label}</p>
              <p className="mt-1 flex flex-wrap items-center gap-1.5 text-xs">
                <span className="rounded-full bg-slate-100 px-2 py-0.5 font-semibold text-slate-800 ring-1 ring-inset ring-slate-300">
                  {t(`channel.${step.channel}`)}
                </span>
                <span
                  className={`rounded-full px-2 py-0.5 font-semibold ring-1 ring-inset ${toneClass[step.tone] ?? ''}`}
                >
                  {t(`tone.${step.tone}`)}
                </span>
              </p>
              <p className="mt-1 break-words text-sm text-slate-700">
                {locale === 'fr' ? step.subjectFr : step.subjectEn}
              </p>
              {step.reminderCount > 0 ? (
                <p className="mt-0.5 text-xs text-slate-600">
                  {t(step.reminderCount === 1 ? 'step.used.one' : 'step.used.other', {
                    count: step.reminderCount,
                  })}
                </p>
              ) : null}
              <div className="mt-2 flex items-center gap-4">
                <Link
                  to={`${link(`?step=${step.id}`)}#step-editor`}
                  aria-label={t('step.editLabel', { offset: label })}
                  aria-current={current ? 'true' : undefined}
                  className={`text-sm ${textLink}`}
                >
                  {t('step.edit')}
                </Link>
                <Form method="post" preventScrollReset>
                  <CsrfInput value={csrf} />
                  <input type="hidden" name="intent" value="remove-step" />
                  <input type="hidden" name="stepId" value={step.id} />
                  <button
                    type="submit"
                    disabled={busy}
                    aria-label={t('step.removeLabel', { offset: label })}
                    className="text-sm font-medium text-red-800 underline underline-offset-2 hover:text-red-900 disabled:opacity-60"
                  >
                    {t('step.remove')}
                  </button>
                </Form>
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useFetcher, useLoaderData, useParams } from '@remix-run/react';
import { useMemo, useState, type ReactNode } from 'react';
import { Lock, payButton } from '~/components/invoice/amount-form';
import { money } from '~/components/invoice/format';
import { SubpageFrame } from '~/components/invoice/subpage-frame';
import { PlanPayment } from '~/components/plans/plan-payment';
import { ScheduleTable } from '~/components/plans/schedule-table';
import { requireInvoiceForToken } from '~/modules/invoices/debtor-page.server';
import {
  planAction,
  planMessages,
  planPageData,
  type PlanActionData,
} from '~/modules/plans/plan-page.server';
import { csrfToken, requireCsrf } from '~/utils/csrf.server';
import { readForm } from '~/utils/form.server';
import { env } from '~/utils/env.server';
import { formatDate, pickLocale, translator, type Locale, type T } from '~/utils/i18n';
import { consume, limits } from '~/utils/rate-limit.server';
import { stripeJsUrl } from '~/utils/simulated-stripe.server';
import { stripeConfigured } from '~/utils/stripe.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { view, today } = await requireInvoiceForToken(request, params.token, context);
  const locale = pickLocale(request);
  const csrf = csrfToken(request);
  const online = stripeConfigured() && Boolean(env().STRIPE_PUBLISHABLE_KEY);
  return data(
    {
      locale,
      today,
      csrf: csrf.token,
      stripeJs: online ? stripeJsUrl() : null,
      messages: planMessages(locale),
      invoice: {
        number: view.number,
        currency: view.currency,
        balanceMinor: view.balanceMinor,
        seller: view.seller.name,
        business: view.business.name,
      },
      page: await planPageData(view, today),
    },
    { headers: csrf.setCookie ? { 'Set-Cookie': csrf.setCookie } : undefined },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { view, today } = await requireInvoiceForToken(request, params.token, context);
  if (!(await consume(limits.debtorPost(), context.clientIp))) throw new Response(null, { status: 429 });
  const form = await readForm(request);
  requireCsrf(request, form);
  return planAction(form, view, today, {
    ip: context.clientIp,
    userAgent: request.headers.get('user-agent'),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: 'Acquit' }];
  const t = translator(data.locale, { fr: data.messages, en: data.messages });
  return [{ title: `${t('plan.title')} — ${data.invoice.number} — ${data.invoice.seller}` }];
};

/** Opening a payment changes nothing the page shows. */
export const shouldRevalidate = ({
  formData,
  defaultShouldRevalidate,
}: {
  formData?: FormData;
  defaultShouldRevalidate: boolean;
}) => (formData?.get('intent') === 'payment-returned' ? true : formData ? false : defaultShouldRevalidate);

export default function PlanPage() {
  const { locale, today, csrf, stripeJs, messages, invoice, page } = useLoaderData<typeof loader>();
  const { token } = useParams();
  const t = useMemo(() => translator(locale, { fr: messages, en: messages }), [locale, messages]);
  const pay = useFetcher<PlanActionData>({ key: 'plan-pay' });
  const m = (minor: number) => money(minor, invoice.currency, locale);
  const answer = pay.data?.intent === 'pay' ? pay.data : null;
  const session = answer?.ok ? answer : null;
  // Which button opened the current payment: its payment form (or refusal) shows in its place.
  const [key, setKey] = useState<string | null>(null);
  const pending = pay.state !== 'idle';
  const shared = { stripeJs: stripeJs ?? '', csrf, currency: invoice.currency, locale, t };
  const mandate = t('plan.mandate', { business: invoice.business });
  const sessionFor = (k: string) =>
    session && key === k && !pending ? <PlanPayment session={session} {...shared} mandate={mandate} /> : null;
  const error =
    answer && !answer.ok ? (
      <p
        role="alert"
        className="mt-3 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800"
      >
        {errorText(answer.error, t)}
      </p>
    ) : null;

  const errorFor = (k: string) => (key === k && !pending ? error : null);
  const button = (label: string, fields: Record<string, string>, k: string) => (
    <pay.Form
      method="post"
      className="mt-4 noscript:hidden"
      onSubmit={(e) => (pending ? e.preventDefault() : setKey(k))}
    >
      <input type="hidden" name="csrf" value={csrf} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" aria-disabled={pending || undefined} className={payButton}>
        <Lock />
        {label}
      </button>
    </pay.Form>
  );

  return (
    <SubpageFrame
      token={token!}
      sellerName={invoice.seller}
      title={t('plan.title')}
      backLabel={t('plan.back')}
      locale={locale}
      t={t}
    >
      {page.kind === 'offers' ? (
        <>
          <p className="text-sm text-slate-700">{t('plan.intro', { business: invoice.business })}</p>
          {!page.offers.ok || page.offers.offers.length === 0 ? (
            <p className="rounded-2xl border border-slate-200 bg-white p-5 text-sm text-slate-800 shadow-sm">
              {page.offers.ok
                ? t('plan.none', { business: invoice.business })
                : t(`plan.reason.${page.offers.reason}`, { amount: m(page.offers.minMinor ?? 0) })}
            </p>
          ) : (
            <div className="space-y-5">
              <h2 className="text-lg font-semibold text-slate-900">{t('plan.offers')}</h2>
              {page.offers.offers.map(({ offer, parts }) => {
                const title = offerTitle(offer, t);
                return (
                  <section
                    key={offer.id}
                    aria-labelledby={`offer-${offer.id}`}
                    className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
                  >
                    <h3 id={`offer-${offer.id}`} className="text-base font-semibold text-slate-900">
                      {title}
                    </h3>
                    <ScheduleTable
                      caption={`${t('plan.schedule')} — ${title}`}
                      parts={parts}
                      currency={invoice.currency}
                      today={today}
                      locale={locale}
                      t={t}
                    />
                    {sessionFor(`offer:${offer.id}`) ??
                      (stripeJs
                        ? button(
                            t('plan.choose', { amount: m(parts[0]!.amountMinor) }),
                            { intent: 'choose', offerId: offer.id },
                            `offer:${offer.id}`,
                          )
                        : null)}
                    {errorFor(`offer:${offer.id}`)}
                  </section>
                );
              })}
              <p className="hidden text-sm text-slate-800 noscript:block">{t('pay.noscript')}</p>
            </div>
          )}
        </>
      ) : (
        <ActivePlan
          parts={page.parts}
          status={page.plan.status}
          offerId={page.plan.offerId}
          today={today}
          currency={invoice.currency}
          locale={locale}
          t={t}
          actions={(parts) => {
            const open = parts.filter((p) => p.status === 'scheduled' || p.status === 'failed');
            const duePart = open.find((p) => p.status === 'failed' || p.dueDate <= today);
            const rest = open.reduce((a, p) => a + p.amountMinor, 0);
            if (!stripeJs) return null;
            if (page.plan.status === 'pending') {
              return (
                <>
                  {sessionFor('first') ??
                    button(
                      t('plan.pay.first', { amount: m(parts[0]!.amountMinor) }),
                      { intent: 'choose', offerId: page.plan.offerId },
                      'first',
                    )}
                  {errorFor('first')}
                </>
              );
            }
            return (
              <>
                {duePart ? (
                  <div className="mt-4">
                    {duePart.status === 'failed' ? (
                      <p className="text-sm text-slate-800">{t('plan.pay.failedHelp')}</p>
                    ) : null}
                    {sessionFor('part') ??
                      button(
                        t('plan.pay.part', { amount: m(duePart.amountMinor) }),
                        { intent: 'pay-part' },
                        'part',
                      )}
                    {errorFor('part')}
                  </div>
                ) : null}
                {rest > 0 ? (
                  <div className="mt-2">
                    {sessionFor('rest') ??
                      button(t('plan.pay.rest', { amount: m(rest) }), { intent: 'pay-rest' }, 'rest')}
                    {errorFor('rest')}
                  </div>
                ) : null}
              </>
            );
          }}
        />
      )}
    </SubpageFrame>
  );
}

function offerTitle(offer: { parts: number; interval: string; splitPercent?: number[] }, t: T): string {
  const split = offer.splitPercent
    ? `, ${t('plan.offer.split', { split: offer.splitPercent.join(' / ') })}`
    : '';
  return `${t('plan.offer.parts', { parts: offer.parts })} — ${t(`plan.offer.${offer.interval}`)}${split}`;
}

function errorText(code: string, t: T): string {
  const known = t(`plan.error.${code}`);
  if (!known.startsWith('plan.error.')) return known;
  const reason = t(`plan.reason.${code}`, { amount: '' });
  return reason.startsWith('plan.reason.') ? t('plan.error.generic') : reason;
}

type Part = { id: string; seq: number; dueDate: string; amountMinor: number; status: string };

function ActivePlan(props: {
  parts: Part[];
  status: string;
  offerId: string;
  today: string;
  currency: string;
  locale: Locale;
  t: T;
  actions: (parts: Part[]) => ReactNode;
}) {
  const { parts, status, today, currency, locale, t } = props;
  const paid = parts.filter((p) => p.status === 'paid').length;
  const next = parts.find((p) => p.status === 'scheduled' || p.status === 'failed');
  return (
    <section
      aria-labelledby="plan-title"
      className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
    >
      <h2 id="plan-title" className="text-lg font-semibold text-slate-900">
        {t('plan.active')}
      </h2>
      <div role="status" className="mt-2 space-y-1 text-sm text-slate-800">
        {status === 'pending' ? (
          <p>{t('plan.pending')}</p>
        ) : (
          <p>{t('plan.active.paid', { paid, total: parts.length })}</p>
        )}
        {status === 'active' && next ? (
          <p>
            {t('plan.active.next', {
              amount: money(next.amountMinor, currency, locale),
              date: formatDate(next.dueDate, locale),
            })}
          </p>
        ) : null}
      </div>
      <ScheduleTable
        caption={t('plan.schedule')}
        parts={parts}
        currency={currency}
        today={today}
        locale={locale}
        t={t}
      />
      {props.actions(parts)}
    </section>
  );
}

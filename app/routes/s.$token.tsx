import { readForm } from '~/utils/form.server';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData, useParams, type ShouldRevalidateFunction } from '@remix-run/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { DebtorShell } from '~/components/debtor/debtor-shell';
import { money } from '~/components/invoice/format';
import { usePaymentReturn } from '~/components/invoice/payment-return';
import { CurrencyGroup } from '~/components/statement/currency-group';
import {
  requireStatementForToken,
  statementAction,
  statementMessages,
  statementPageData,
} from '~/modules/statements/statement-page.server';
import { csrfToken, requireCsrf } from '~/utils/csrf.server';
import { env } from '~/utils/env.server';
import { formatDate, pickLocale, translator } from '~/utils/i18n';
import { consume, limits } from '~/utils/rate-limit.server';
import { stripeJsUrl } from '~/utils/simulated-stripe.server';
import { stripeConfigured } from '~/utils/stripe.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { customer, today } = await requireStatementForToken(request, params.token, context);
  const locale = pickLocale(request);
  const csrf = csrfToken(request);
  const online = stripeConfigured() && Boolean(env().STRIPE_PUBLISHABLE_KEY);
  return data(
    {
      locale,
      today,
      csrf: csrf.token,
      stripeJs: online ? stripeJsUrl() : null,
      messages: statementMessages(locale),
      customer: { name: customer.customerName },
      business: {
        name: customer.business.name,
        logoUrl: customer.business.logoUrl,
        email: customer.business.email,
      },
      page: await statementPageData(customer.customerId, customer.business.timeZone, today),
    },
    { headers: csrf.setCookie ? { 'Set-Cookie': csrf.setCookie } : undefined },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { customer, today } = await requireStatementForToken(request, params.token, context);
  if (!(await consume(limits.debtorPost(), context.clientIp))) throw new Response(null, { status: 429 });
  const form = await readForm(request);
  requireCsrf(request, form);
  return statementAction(
    form,
    { customer, today, locale: pickLocale(request) },
    { ip: context.clientIp, userAgent: request.headers.get('user-agent') },
  );
}

/** Opening a payment changes nothing the page shows; its confirmation does. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'pay' ? false : defaultShouldRevalidate;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: 'Acquit' }];
  const t = translator(data.locale, { fr: data.messages, en: data.messages });
  return [{ title: `${t('statement.titleFor', { customer: data.customer.name })} — ${data.business.name}` }];
};

export default function StatementPage() {
  const { locale, csrf, stripeJs, messages, customer, business, page } = useLoaderData<typeof loader>();
  const { token } = useParams();
  const t = useMemo(() => translator(locale, { fr: messages, en: messages }), [locale, messages]);
  // Back from a bank's page (3-D Secure, a redirect method): the server reads the PaymentIntent itself.
  const returned = usePaymentReturn(csrf);
  const [notice, setNotice] = useState<{ status: string; amountMinor: number; currency: string } | null>(
    null,
  );
  const noticeRef = useRef<HTMLParagraphElement>(null);
  // A native post (before the page's JavaScript runs) for a currency the page has no group for.
  const posted = useActionData<typeof action>();
  const stray =
    posted?.intent === 'pay' && !posted.ok && !page.totals.some((x) => x.currency === posted.currency)
      ? (posted.fieldErrors.currency ?? posted.fieldErrors.invoices ?? posted.formError)
      : null;
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  return (
    <DebtorShell business={business} back={null} locale={locale} t={t}>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
        {t('statement.titleFor', { customer: customer.name })}
      </h1>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700">{t('statement.intro', { business: business.name })}</p>
        <a
          href={`/s/${token}/pdf?lang=${locale}`}
          download
          className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
        >
          {t('statement.pdf')}
        </a>
      </div>
      <div aria-live="polite">
        {notice ? (
          <p
            ref={noticeRef}
            tabIndex={-1}
            className="rounded-lg border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-900 outline-none"
          >
            {t(notice.status === 'succeeded' ? 'statement.pay.done' : 'statement.pay.doneProcessing', {
              amount: money(notice.amountMinor, notice.currency, locale),
            })}
          </p>
        ) : null}
      </div>
      {returned === 'failed' ? (
        <p
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800"
        >
          {t('pay.failed')} {t('pay.failed.retry')}
        </p>
      ) : null}
      {stray ? (
        <p
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800"
        >
          {stray}
        </p>
      ) : null}
      {!stripeJs && page.open.length ? (
        <p className="text-sm text-slate-700">{t('statement.pay.unavailable')}</p>
      ) : null}
      <p className="hidden text-sm text-slate-800 noscript:block">{t('statement.pay.noscript')}</p>

      {page.totals.length ? (
        page.totals.map((total) => (
          <CurrencyGroup
            key={total.currency}
            total={total}
            invoices={page.open.filter((i) => i.currency === total.currency)}
            token={token!}
            csrf={csrf}
            stripeJs={stripeJs}
            onPaid={(outcome) => setNotice({ ...outcome, currency: total.currency })}
            locale={locale}
            t={t}
          />
        ))
      ) : (
        <section
          aria-labelledby="open-title"
          className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
        >
          <h2 id="open-title" className="text-lg font-semibold text-slate-900">
            {t('statement.open')}
          </h2>
          <p className="mt-2 text-sm text-slate-700">{t('statement.open.none')}</p>
        </section>
      )}

      <section
        aria-labelledby="recent-title"
        className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
      >
        <h2 id="recent-title" className="text-lg font-semibold text-slate-900">
          {t('statement.recent')}
        </h2>
        {page.recent.length ? (
          <table className="mt-3 w-full text-sm">
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="px-2 py-2 text-left font-medium text-slate-600">
                  {t('statement.col.number')}
                </th>
                <th scope="col" className="px-2 py-2 text-left font-medium text-slate-600">
                  {t('statement.col.paidOn')}
                </th>
                <th scope="col" className="px-2 py-2 text-right font-medium text-slate-600">
                  {t('statement.col.amount')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 text-slate-900">
              {page.recent.map((i) => (
                <tr key={i.id}>
                  <td className="px-2 py-2">
                    <a
                      href={`/s/${token}/invoice/${i.id}?lang=${locale}`}
                      className="font-medium text-brand-700 underline underline-offset-2"
                    >
                      {i.number}
                    </a>
                  </td>
                  <td className="px-2 py-2">{formatDate(i.paidOn, locale, 'short')}</td>
                  <td className="px-2 py-2 text-right tabular-nums">
                    {money(i.totalMinor, i.currency, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="mt-2 text-sm text-slate-700">{t('statement.recent.none')}</p>
        )}
      </section>
      <p className="px-1 text-sm text-slate-700">{t('statement.contact', { email: business.email })}</p>
    </DebtorShell>
  );
}

import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { useActionData, useLoaderData, useParams } from '@remix-run/react';
import { useMemo } from 'react';
import { money } from '~/components/invoice/format';
import { SubpageFrame } from '~/components/invoice/subpage-frame';
import { PromiseForm } from '~/components/promises/promise-form';
import { debtor } from '~/i18n/debtor';
import { promisesText } from '~/i18n/promises';
import { requireInvoiceForToken } from '~/modules/invoices/debtor-page.server';
import { promiseSettings, runPromiseAction } from '~/modules/promises/promise-action.server';
import { csrfToken, requireCsrf } from '~/utils/csrf.server';
import { readForm } from '~/utils/form.server';
import { addDaysIso } from '~/utils/dates';
import { formatDate, pickLocale, translator } from '~/utils/i18n';
import { consume, limits } from '~/utils/rate-limit.server';

function messagesFor(locale: 'fr' | 'en') {
  const lang = Object.entries(debtor[locale]).filter(([k]) => k.startsWith('lang.'));
  return { ...Object.fromEntries(lang), ...promisesText[locale] };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { view, today } = await requireInvoiceForToken(request, params.token, context);
  const locale = pickLocale(request);
  const csrf = csrfToken(request);
  const settings = await promiseSettings(view.businessId);
  return data(
    {
      locale,
      today,
      latest: addDaysIso(today, settings.maxDays),
      offered: settings.maxDays > 0 && view.status === 'open' && view.balanceMinor > 0 && !view.plan,
      promisedDate: view.promisedDate,
      csrf: csrf.token,
      messages: messagesFor(locale),
      invoice: {
        number: view.number,
        currency: view.currency,
        balanceMinor: view.balanceMinor,
        seller: view.seller.name,
        business: view.business.name,
      },
    },
    { headers: csrf.setCookie ? { 'Set-Cookie': csrf.setCookie } : undefined },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { view, today } = await requireInvoiceForToken(request, params.token, context);
  if (!(await consume(limits.debtorPost(), context.clientIp))) throw new Response(null, { status: 429 });
  const form = await readForm(request);
  requireCsrf(request, form);
  const locale = pickLocale(request);
  const { status, reply } = await runPromiseAction({
    form,
    invoice: { ...view, businessName: view.business.name },
    today,
    locale,
    source: 'debtor',
    actor: { type: 'debtor', ip: context.clientIp, userAgent: request.headers.get('user-agent') },
  });
  if (reply.ok) return redirect(`/i/${params.token}?lang=${locale}`);
  return data(reply, { status });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: 'Acquit' }];
  const t = translator(data.locale, { fr: data.messages, en: data.messages });
  return [{ title: `${t('promise.title')} — ${data.invoice.number} — ${data.invoice.seller}` }];
};

export default function PromisePage() {
  const { locale, today, latest, offered, promisedDate, csrf, messages, invoice } =
    useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { token } = useParams();
  const t = useMemo(() => translator(locale, { fr: messages, en: messages }), [locale, messages]);
  const balance = money(invoice.balanceMinor, invoice.currency, locale);
  return (
    <SubpageFrame
      token={token!}
      sellerName={invoice.seller}
      title={t('promise.title')}
      backLabel={t('promise.back')}
      locale={locale}
      t={t}
    >
      <section className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        {promisedDate ? (
          <div role="status" className="text-sm text-slate-800">
            <p className="font-semibold">
              {t('promise.active', { amount: balance, date: formatDate(promisedDate, locale) })}
            </p>
            <p className="mt-1">{t('promise.active.detail', { date: formatDate(promisedDate, locale) })}</p>
          </div>
        ) : offered ? (
          <>
            <p className="mb-5 text-sm text-slate-700">{t('promise.intro')}</p>
            <PromiseForm
              id="promise"
              lastResult={reply?.result}
              csrf={csrf}
              today={today}
              latest={latest}
              currency={invoice.currency}
              balanceText={balance}
              businessName={invoice.business}
              locale={locale}
              t={t}
            />
          </>
        ) : (
          <p className="text-sm text-slate-800">{t('promise.error.not_open')}</p>
        )}
      </section>
    </SubpageFrame>
  );
}

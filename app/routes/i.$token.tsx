import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { useLoaderData, useParams, type ShouldRevalidateFunction } from '@remix-run/react';
import { BusinessMark, LanguageSwitch } from '~/components/debtor/debtor-shell';
import { CaseLinks } from '~/components/invoice/case-links';
import { Party } from '~/components/invoice/party';
import { InvoiceLines } from '~/components/invoice/lines';
import { InvoiceTotals } from '~/components/invoice/totals';
import { Receipts } from '~/components/invoice/receipts';
import { usePaymentReturn } from '~/components/invoice/payment-return';
import { PayOptions } from '~/components/invoice/pay-options';
import { Arrangements } from '~/components/invoice/arrangements';
import { StatusCard } from '~/components/invoice/status-card';
import { LatePenaltyNotice, PaymentTerms } from '~/components/invoice/terms';
import { SimulatedBanner } from '~/components/simulated-banner';
import { messagesPreload, serverTranslator } from '~/i18n/message-files.server';
import { useTranslator } from '~/i18n/messages-context';
import { requireInvoiceForToken, statusAndPenalty } from '~/modules/invoices/debtor-page.server';
import { debtorPaymentAction } from '~/modules/payments/debtor-payment-action.server';
import { payableAmount } from '~/modules/payments/payable.server';
import { csrfToken, requireCsrf } from '~/utils/csrf.server';
import { readForm } from '~/utils/form.server';
import { env } from '~/utils/env.server';
import { consume, limits } from '~/utils/rate-limit.server';
import { stripeJsUrl } from '~/utils/simulated-stripe.server';
import { stripeConfigured } from '~/utils/stripe.server';
import { formatDate, pickLocale } from '~/utils/i18n';
import { pack, usePacked } from '~/utils/packed';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { view, today } = await requireInvoiceForToken(request, params.token, context, { allowDraft: true });
  // Not issued yet: the link is for signing the acceptance letter.
  if (view.status === 'draft') throw redirect(`/i/${params.token}/accept${new URL(request.url).search}`);
  const { status, penalty } = statusAndPenalty(view, today);
  const csrf = csrfToken(request);
  const onlinePayment = stripeConfigured() && Boolean(env().STRIPE_PUBLISHABLE_KEY);
  const payable = payableAmount(view.status, view, view.disputedMinor);
  const payableMinor = payable.ok ? payable.maxMinor : 0;
  const payment = {
    payableMinor,
    // As chooseAmount enforces it: at least 1.00, never more than what is payable.
    minPartialMinor: view.business.partialPaymentsAllowed
      ? Math.min(Math.max(view.business.minPartialPaymentMinor, 100), payableMinor)
      : null,
    stripeJs: onlinePayment ? stripeJsUrl() : null,
  };
  const locale = pickLocale(request);
  return data(
    {
      view: pack(view),
      status,
      penalty,
      locale,
      title: serverTranslator('debtor', locale)('page.title', {
        number: view.number,
        business: view.seller.name,
      }),
      // The dictionary is not in the data: the page preloads it (a file cached for a year) and hydrates with it.
      messagesLink: messagesPreload('debtor', locale),
      csrf: csrf.token,
      onlinePayment,
      payment,
    },
    { headers: csrf.setCookie ? { 'Set-Cookie': csrf.setCookie } : undefined },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { view } = await requireInvoiceForToken(request, params.token, context);
  if (!(await consume(limits.debtorPost(), context.clientIp))) throw new Response(null, { status: 429 });
  const form = await readForm(request);
  requireCsrf(request, form);
  return debtorPaymentAction(form, view, {
    ip: context.clientIp,
    userAgent: request.headers.get('user-agent'),
  });
}

/** Opening a payment changes nothing the page shows: no need to reload it. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'pay' ? false : defaultShouldRevalidate;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: 'Acquit' }];
  return [{ title: data.title }, data.messagesLink];
};

export default function DebtorInvoicePage() {
  const { view: packedView, status, penalty, locale, csrf, payment } = useLoaderData<typeof loader>();
  const view = usePacked(packedView);
  const { token } = useParams();
  const returned = usePaymentReturn(csrf);
  const t = useTranslator('debtor', locale);
  const d = (iso: string) => formatDate(iso, locale);

  return (
    <>
      <SimulatedBanner locale={locale} />
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-4 py-4 sm:px-6">
          <div className="flex min-w-0 items-center gap-3">
            <BusinessMark name={view.seller.name} logoUrl={view.business.logoUrl} />
            <div className="min-w-0">
              <p className="text-xs text-slate-600">{t('header.from')}</p>
              <p className="truncate font-semibold text-slate-900">{view.seller.name}</p>
            </div>
          </div>
          <LanguageSwitch locale={locale} t={t} />
        </div>
      </header>

      <main className="mx-auto max-w-3xl space-y-5 px-4 py-6 sm:px-6 sm:py-10">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          {t('page.title', { number: view.number, business: view.seller.name })}
        </h1>

        <StatusCard status={status} view={view} locale={locale} t={t} />
        <CaseLinks view={view} token={token!} locale={locale} t={t} part="state" />
        {penalty ? <LatePenaltyNotice penalty={penalty} view={view} locale={locale} t={t} /> : null}
        {payment.payableMinor > 0 ? (
          <PayOptions view={view} payment={payment} csrf={csrf} returned={returned} locale={locale} t={t} />
        ) : null}

        <section
          aria-labelledby="details-title"
          className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
        >
          <div className="flex flex-wrap items-start justify-between gap-3">
            <h2 id="details-title" className="text-lg font-semibold text-slate-900">
              {t('details.title')}
            </h2>
            <a
              href={`/i/${token}/pdf?lang=${locale}`}
              download={`${view.number}.pdf`}
              className="no-print rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
            >
              {t('pdf.download')}
            </a>
          </div>
          <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-slate-600">{t('details.number')}</dt>
              <dd className="font-medium text-slate-900">{view.number}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t('details.issueDate')}</dt>
              <dd className="font-medium text-slate-900">{d(view.issueDate)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t('details.dueDate')}</dt>
              <dd className="font-medium text-slate-900">{d(view.dueDate)}</dd>
            </div>
            {view.deliveryDate && view.deliveryDate !== view.issueDate ? (
              <div>
                <dt className="text-slate-600">{t('details.deliveryDate')}</dt>
                <dd className="font-medium text-slate-900">{d(view.deliveryDate)}</dd>
              </div>
            ) : null}
            {view.purchaseOrder ? (
              <div>
                <dt className="text-slate-600">{t('details.po')}</dt>
                <dd className="break-words font-medium text-slate-900">{view.purchaseOrder}</dd>
              </div>
            ) : null}
          </dl>
          <div className="mt-6 grid gap-6 sm:grid-cols-2">
            <Party title={t('details.seller')} party={view.seller} t={t} />
            <Party title={t('details.buyer')} party={view.buyer} t={t} />
          </div>
          <h3 className="mt-8 text-sm font-semibold text-slate-900">{t('lines.title')}</h3>
          <div className="mt-2">
            <InvoiceLines lines={view.lines} currency={view.currency} locale={locale} t={t} />
          </div>
          <div className="mt-4 border-t border-slate-200 pt-4">
            <InvoiceTotals view={view} locale={locale} t={t} />
            <Receipts view={view} token={token!} locale={locale} t={t} />
          </div>
          {view.notes ? (
            <div className="mt-6">
              <h3 className="text-sm font-semibold text-slate-900">{t('notes.title')}</h3>
              <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{view.notes}</p>
            </div>
          ) : null}
          <div className="mt-6 border-t border-slate-200 pt-4">
            <PaymentTerms view={view} locale={locale} t={t} />
          </div>
        </section>

        <Arrangements
          view={view}
          status={status}
          payable={payment.payableMinor > 0}
          token={token!}
          locale={locale}
          t={t}
        />
        <CaseLinks view={view} token={token!} locale={locale} t={t} part="raise" />
        <section aria-labelledby="contact-title" className="px-1 text-sm text-slate-700">
          <h2 id="contact-title" className="font-semibold text-slate-900">
            {t('contact.question')}
          </h2>
          <p className="mt-1">
            <a
              className="font-medium text-brand-700 underline underline-offset-2"
              href={`mailto:${view.business.email}?subject=${encodeURIComponent(view.number)}`}
            >
              {t('contact.write', { email: view.business.email })}
            </a>
            {view.business.phone ? <> {t('contact.call', { phone: view.business.phone })}</> : null}
          </p>
        </section>
      </main>
      <footer className="mx-auto max-w-3xl px-4 pb-10 text-xs text-slate-600 sm:px-6">
        <p>{t('footer.secure')}</p>
        <p className="mt-1">{t('footer.by')}</p>
      </footer>
    </>
  );
}

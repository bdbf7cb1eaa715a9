import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { AcceptanceCard } from '~/components/admin/acceptance-card';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { InvoiceActions } from '~/components/admin/invoice-actions';
import { adminTitle } from '~/components/admin/meta';
import { OneTimeLink } from '~/components/admin/one-time-link';
import { CollectionsCard } from '~/components/admin/collections-card';
import { PaymentsCard } from '~/components/admin/payments-card';
import { StatusBadge } from '~/components/admin/status-badge';
import { Timeline } from '~/components/admin/timeline';
import { card, pageTitle, textLink } from '~/components/admin/ui';
import { useAdmin, useAdminT, useLangLink } from '~/components/admin/use-admin';
import { money } from '~/components/invoice/format';
import { InvoiceLines } from '~/components/invoice/lines';
import { InvoiceTotals } from '~/components/invoice/totals';
import { requireAdminPost } from '~/modules/auth/admin-request.server';
import { businessBasics } from '~/modules/business/business-basics.server';
import { runInvoiceAction } from '~/modules/invoices/admin-invoice-actions.server';
import { loadInvoiceForAdmin } from '~/modules/invoices/admin-invoice.server';
import { listInvoicePayments } from '~/modules/payments/list-invoice-payments.server';
import { invoiceTimeline } from '~/modules/invoices/invoice-timeline.server';
import { todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { formatDate, translator } from '~/utils/i18n';
import { admin } from '~/i18n/admin';
import { adminCollections } from '~/i18n/admin-collections';
import { findCollectionCase } from '~/modules/collections/list-cases.server';
import { minorToDecimal } from '~/utils/money';
import { requireUser } from '~/utils/session.server';
import { ActionReply } from '~/components/admin/action-reply';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  adminTitle(matches, (t) =>
    data?.invoice.view.number
      ? t('detail.title', { number: data.invoice.view.number })
      : t('detail.draftTitle'),
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const invoice = await loadInvoiceForAdmin(db(), user.businessId, params.id ?? '');
  if (!invoice) throw new Response('Not found', { status: 404 });
  const [timeline, basics, handOff] = await Promise.all([
    invoiceTimeline(db(), user.businessId, invoice.view.id),
    businessBasics(db(), user.businessId),
    findCollectionCase(db(), user.businessId, invoice.view.id),
  ]);
  const payments = await listInvoicePayments(db(), {
    businessId: user.businessId,
    invoiceId: invoice.view.id,
    timeZone: basics.timeZone,
  });
  // A fresh key per rendering of the payment and refund forms: submitting one twice acts once.
  return {
    invoice,
    payments,
    timeline,
    handOff,
    timeZone: basics.timeZone,
    today: todayIn(basics.timeZone),
    requestKey: crypto.randomUUID(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, form, actor, locale } = await requireAdminPost(request, context);
  const { status, reply } = await runInvoiceAction({
    businessId: user.businessId,
    invoiceId: params.id ?? '',
    actor,
    locale,
    form,
  });
  return data(reply, { status });
}

export const ErrorBoundary = AdminErrorBoundary;

/** "1872.00" as a French user types it: "1872,00" (both are accepted). */
const decimalFor = (value: string, locale: string) => (locale === 'fr' ? value.replace('.', ',') : value);

export default function InvoiceDetail() {
  const { invoice, payments, timeline, handOff, timeZone, today, requestKey } =
    useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { locale, t } = useAdminT();
  const lang = useLangLink();
  const { csrf } = useAdmin();
  const busy = useNavigation().state === 'submitting';
  const { view } = invoice;
  const m = (v: number) => money(v, view.currency, locale);
  const d = (iso: string) => formatDate(iso, locale);
  const overdue = view.status === 'open' && view.dueDate < today;

  return (
    <div className="space-y-5">
      <p>
        <Link to={lang('/admin/invoices')} className={`text-sm ${textLink}`}>
          ← {t('detail.back')}
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className={pageTitle}>
          {view.number ? t('detail.title', { number: view.number }) : t('detail.draftTitle')}
        </h1>
        <StatusBadge status={view.status} overdue={overdue} t={t} />
      </div>

      <ActionReply reply={reply} />
      {reply?.ok && reply.url ? <OneTimeLink url={reply.url} t={t} /> : null}

      {/* Phones: what it is, what is owed and what to do, then the history. Wide screens: two columns. */}
      <div className="grid items-start gap-5 lg:grid-cols-3 lg:grid-rows-[auto_1fr]">
        <div className="space-y-5 lg:col-span-2">
          <section aria-labelledby="summary-title" className={card}>
            <h2 id="summary-title" className="sr-only">
              {t('details.title')}
            </h2>
            <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
              <div className="col-span-2">
                <dt className="text-slate-600">{t('detail.customer')}</dt>
                <dd className="font-semibold text-slate-900">{invoice.customerName}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{t('detail.issueDate')}</dt>
                <dd className="font-medium text-slate-900">{d(view.issueDate)}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{t('detail.dueDate')}</dt>
                <dd className={`font-medium ${overdue ? 'text-red-800' : 'text-slate-900'}`}>
                  {d(view.dueDate)}
                </dd>
              </div>
              {view.deliveryDate && view.deliveryDate !== view.issueDate ? (
                <div>
                  <dt className="text-slate-600">{t('detail.deliveryDate')}</dt>
                  <dd className="font-medium text-slate-900">{d(view.deliveryDate)}</dd>
                </div>
              ) : null}
              {view.purchaseOrder ? (
                <div className="col-span-2">
                  <dt className="text-slate-600">{t('detail.po')}</dt>
                  <dd className="break-words font-medium text-slate-900">{view.purchaseOrder}</dd>
                </div>
              ) : null}
              {invoice.acceptanceRequired ? (
                <div className="col-span-2">
                  <dt className="text-slate-600">{t('detail.acceptance')}</dt>
                  <dd className="font-medium text-slate-900">{t('detail.acceptance.required')}</dd>
                </div>
              ) : null}
            </dl>
            {view.status === 'open' ? (
              <p className="mt-4 text-sm">
                <Link to={lang(`/admin/invoices/${view.id}/promise`)} className={textLink}>
                  {t('plans.promise.record')}
                </Link>
              </p>
            ) : null}
          </section>

          <section aria-labelledby="lines-title" className={card}>
            <h2 id="lines-title" className="text-base font-semibold text-slate-900">
              {t('detail.lines')}
            </h2>
            <div className="mt-3">
              <InvoiceLines lines={view.lines} currency={view.currency} locale={locale} t={t} />
            </div>
            <div className="mt-4 border-t border-slate-200 pt-4">
              <InvoiceTotals view={{ ...view, number: view.number ?? '' }} locale={locale} t={t} />
            </div>
            {view.notes ? (
              <div className="mt-5">
                <h3 className="text-sm font-semibold text-slate-900">{t('detail.notes')}</h3>
                <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{view.notes}</p>
              </div>
            ) : null}
          </section>
          {view.status !== 'draft' ? (
            <PaymentsCard
              payments={payments}
              locale={locale}
              t={t}
              csrf={csrf}
              busy={busy}
              requestKey={requestKey}
              reply={reply}
              lang={lang}
              statementHref={`/admin/customers/${invoice.view.customerId}/statement`}
            />
          ) : null}
        </div>

        <div className="space-y-5 lg:col-start-3 lg:row-span-2 lg:row-start-1">
          <section aria-labelledby="ledger-title" className={card}>
            <h2 id="ledger-title" className="text-base font-semibold text-slate-900">
              {t('detail.ledger')}
            </h2>
            <dl className="mt-3 space-y-1.5 text-sm">
              {(
                [
                  ['detail.ledger.total', view.totalMinor],
                  ['detail.ledger.paid', view.paidMinor],
                  ['detail.ledger.credited', view.creditedMinor],
                  ...(view.processingMinor ? [['detail.ledger.processing', view.processingMinor]] : []),
                ] as [string, number][]
              ).map(([key, value]) => (
                <div key={key} className="flex justify-between gap-4 text-slate-700">
                  <dt>{t(key)}</dt>
                  <dd className="tabular-nums">{m(value)}</dd>
                </div>
              ))}
              <div className="flex justify-between gap-4 border-t border-slate-200 pt-1.5 text-base font-semibold text-slate-900">
                <dt>{t('detail.ledger.balance')}</dt>
                <dd className="tabular-nums">{m(view.balanceMinor)}</dd>
              </div>
            </dl>
          </section>
          <AcceptanceCard
            view={view}
            today={today}
            timeZone={timeZone}
            csrf={csrf}
            busy={busy}
            reply={reply}
            lang={lang}
            locale={locale}
            t={t}
          />
          <CollectionsCard
            invoiceId={view.id}
            status={view.status}
            handOff={handOff}
            lang={lang}
            locale={locale}
            t={translator(locale, adminCollections, admin)}
          />
          <InvoiceActions
            status={view.status}
            liveLinks={invoice.liveLinks}
            currency={view.currency}
            balanceDecimal={decimalFor(minorToDecimal(view.balanceMinor, view.currency), locale)}
            today={today}
            requestKey={requestKey}
            reply={reply}
            t={t}
          />
        </div>
        <section aria-labelledby="timeline-title" className={`${card} lg:col-span-2`}>
          <h2 id="timeline-title" className="text-base font-semibold text-slate-900">
            {t('detail.timeline')}
          </h2>
          <Timeline entries={timeline} currency={view.currency} timeZone={timeZone} locale={locale} t={t} />
        </section>
      </div>
    </div>
  );
}

import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import { card, pageTitle, textLink } from '~/components/admin/ui';
import { useAdmin, useLangLink } from '~/components/admin/use-admin';
import { money } from '~/components/invoice/format';
import { PromiseForm } from '~/components/promises/promise-form';
import { adminPlans } from '~/i18n/admin-plans';
import { promisesText } from '~/i18n/promises';
import { requireAdminPost } from '~/modules/auth/admin-request.server';
import { businessBasics } from '~/modules/business/business-basics.server';
import { loadInvoiceForAdmin } from '~/modules/invoices/admin-invoice.server';
import { promiseSettings, runPromiseAction } from '~/modules/promises/promise-action.server';
import { addDaysIso, todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) =>
  sectionTitle(matches, [adminPlans], 'plans.promise.record');

async function context(businessId: string, invoiceId: string) {
  const invoice = await loadInvoiceForAdmin(db(), businessId, invoiceId);
  if (!invoice || !invoice.view.number) throw new Response('Not found', { status: 404 });
  const [basics, settings] = await Promise.all([
    businessBasics(db(), businessId),
    promiseSettings(businessId),
  ]);
  const today = todayIn(basics.timeZone);
  return { invoice, today, latest: addDaysIso(today, Math.max(settings.maxDays, 1)), basics };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { invoice, today, latest, basics } = await context(user.businessId, params.id ?? '');
  const v = invoice.view;
  return {
    invoice: { id: v.id, number: v.number!, currency: v.currency, balanceMinor: v.balanceMinor },
    promisedDate: v.promisedDate,
    today,
    latest,
    businessName: basics.name,
  };
}

export async function action({ request, params, context: ctx }: ActionFunctionArgs) {
  const { user, form, actor, locale } = await requireAdminPost(request, ctx);
  const { invoice, today, basics } = await context(user.businessId, params.id ?? '');
  const { status, reply } = await runPromiseAction({
    form,
    invoice: { ...invoice.view, businessName: basics.name },
    today,
    locale,
    source: 'staff',
    actor,
  });
  if (reply.ok) return redirect(`/admin/invoices/${invoice.view.id}${locale ? `?lang=${locale}` : ''}`);
  return data(reply, { status });
}

export const ErrorBoundary = AdminErrorBoundary;

export default function PhonePromise() {
  const { invoice, today, latest, businessName } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { csrf } = useAdmin();
  const { locale, t } = useSectionT(adminPlans, promisesText);
  const lang = useLangLink();
  return (
    <div className="space-y-5">
      <p>
        <Link to={lang(`/admin/invoices/${invoice.id}`)} className={textLink}>
          ← {invoice.number}
        </Link>
      </p>
      <h1 className={pageTitle}>{t('plans.promise.title', { invoice: invoice.number })}</h1>
      <section className={card}>
        <p className="mb-5 text-sm text-slate-700">{t('plans.promise.intro')}</p>
        <PromiseForm
          id="phone-promise"
          lastResult={reply?.result}
          csrf={csrf}
          today={today}
          latest={latest}
          currency={invoice.currency}
          balanceText={money(invoice.balanceMinor, invoice.currency, locale)}
          businessName={businessName}
          locale={locale}
          t={t}
          submitLabel={t('plans.promise.submit')}
        />
      </section>
    </div>
  );
}

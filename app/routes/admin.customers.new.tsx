import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { CustomerForm } from '~/components/admin/customer-form';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import { pageTitle, textLink } from '~/components/admin/ui';
import { useLangLink } from '~/components/admin/use-admin';
import { adminCustomerForm } from '~/i18n/admin-customer-form';
import { adminCustomers } from '~/i18n/admin-customers';
import { requireAdminPost } from '~/modules/auth/admin-request.server';
import { customerFormDefaults, runCustomerForm } from '~/modules/customers/customer-form-action.server';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) => sectionTitle(matches, [adminCustomerForm], 'new.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { defaults: await customerFormDefaults(user.businessId) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form, actor, locale } = await requireAdminPost(request, context);
  const { status, reply, customerId } = await runCustomerForm({
    businessId: user.businessId,
    customerId: null,
    form,
    actor,
    locale,
  });
  if (reply.ok && customerId) {
    const lang = new URL(request.url).searchParams.get('lang');
    return redirect(`/admin/customers/${customerId}${lang === 'en' || lang === 'fr' ? `?lang=${lang}` : ''}`);
  }
  return data(reply, { status });
}

export const ErrorBoundary = AdminErrorBoundary;

export default function NewCustomer() {
  const { defaults } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useSectionT(adminCustomerForm, adminCustomers);
  const lang = useLangLink();
  return (
    <div className="space-y-5">
      <p>
        <Link to={lang('/admin/customers')} className={`text-sm ${textLink}`}>
          ← {t('customer.back')}
        </Link>
      </p>
      <h1 className={pageTitle}>{t('new.title')}</h1>
      <CustomerForm
        defaultValue={{ country: defaults.country, locale: 'fr', depositPercent: '30' }}
        lastResult={reply?.result}
        businessCurrency={defaults.currency}
        businessTermsDays={defaults.termsDays}
        submitLabel={t('new.submit')}
        t={t}
      />
    </div>
  );
}

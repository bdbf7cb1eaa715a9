import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { ActionReply } from '~/components/admin/action-reply';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { CustomerForm } from '~/components/admin/customer-form';
import { adminTitle } from '~/components/admin/meta';
import { useSectionT } from '~/components/admin/section-t';
import { pageTitle, textLink } from '~/components/admin/ui';
import { useLangLink } from '~/components/admin/use-admin';
import { adminCustomerForm } from '~/i18n/admin-customer-form';
import { requireAdminPost } from '~/modules/auth/admin-request.server';
import {
  customerFormDefaults,
  loadCustomerRow,
  runCustomerForm,
} from '~/modules/customers/customer-form-action.server';
import { pickLocale, translator } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  adminTitle(matches, () => data?.title ?? '');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const c = await loadCustomerRow(user.businessId, params.id ?? '');
  if (!c) throw new Response('Not found', { status: 404 });
  const t = translator(pickLocale(request), adminCustomerForm);
  const value = (v: string | null) => v ?? '';
  return {
    id: c.id,
    name: c.name,
    title: t('edit.title', { name: c.name }),
    defaults: await customerFormDefaults(user.businessId),
    defaultValue: {
      name: c.name,
      legalName: value(c.legalName),
      siren: value(c.siren),
      vatNumber: value(c.vatNumber),
      addressLine1: value(c.addressLine1),
      addressLine2: value(c.addressLine2),
      postalCode: value(c.postalCode),
      city: value(c.city),
      country: c.country,
      locale: c.locale === 'en' ? ('en' as const) : ('fr' as const),
      currency: value(c.currency),
      termsDays: c.termsDays === null ? '' : String(c.termsDays),
      depositPercent: String(c.depositPercent),
      notes: value(c.notes),
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, form, actor, locale } = await requireAdminPost(request, context);
  const { status, reply } = await runCustomerForm({
    businessId: user.businessId,
    customerId: params.id ?? '',
    form,
    actor,
    locale,
  });
  return data(reply, { status });
}

export const ErrorBoundary = AdminErrorBoundary;

export default function EditCustomer() {
  const { id, name, defaults, defaultValue } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useSectionT(adminCustomerForm);
  const lang = useLangLink();
  return (
    <div className="space-y-5">
      <p>
        <Link to={lang(`/admin/customers/${id}`)} className={`text-sm ${textLink}`}>
          ← {name}
        </Link>
      </p>
      <h1 className={`${pageTitle} break-words`}>{t('edit.title', { name })}</h1>
      <ActionReply reply={reply} />
      <CustomerForm
        defaultValue={defaultValue}
        lastResult={reply?.result}
        businessCurrency={defaults.currency}
        businessTermsDays={defaults.termsDays}
        submitLabel={t('edit.submit')}
        t={t}
      />
    </div>
  );
}

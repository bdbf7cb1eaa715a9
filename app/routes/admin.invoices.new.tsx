import { parseWithZod } from '@conform-to/zod/v4';
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { InvoiceForm } from '~/components/admin/invoice-form';
import { adminTitle } from '~/components/admin/meta';
import { pageTitle } from '~/components/admin/ui';
import { useAdminT } from '~/components/admin/use-admin';
import { requireAdminPost } from '~/modules/auth/admin-request.server';
import { invoiceFormContext } from '~/modules/customers/customer-options.server';
import { createDraftInvoice } from '~/modules/invoices/create-draft-invoice.server';
import { INVOICE_CURRENCIES } from '~/modules/invoices/form-options';
import { draftErrorMessage, invoiceFormSchema } from '~/modules/invoices/invoice-form.server';
import { addDaysIso, todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) => adminTitle(matches, 'new.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const context = await invoiceFormContext(db(), user.businessId);
  const today = todayIn(context.timeZone);
  const currency = (INVOICE_CURRENCIES as readonly string[]).includes(context.currency)
    ? context.currency
    : 'EUR';
  return {
    customers: context.customers,
    defaultTermsDays: context.defaultTermsDays,
    defaultValue: {
      currency,
      issueDate: today,
      dueDate: addDaysIso(today, context.defaultTermsDays),
      // A business that charges no VAT (the franchise, say) starts every line at 0 %, with its mention.
      lines: [{ quantity: '1', taxRate: context.defaultVatExemption ? '0' : '20' }],
      vatExemption: context.defaultVatExemption ?? '',
    },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form, actor, locale } = await requireAdminPost(request, context);
  const submission = parseWithZod(form, { schema: invoiceFormSchema(locale, form.get('currency')) });
  if (submission.status !== 'success') {
    // Adding or removing a line (without JavaScript, a round trip) is not an error; a failed save is.
    return data({ result: submission.reply() }, { status: submission.status === 'error' ? 400 : 200 });
  }
  const created = await createDraftInvoice(db(), {
    businessId: user.businessId,
    actor,
    invoice: submission.value,
  });
  if (!created.ok) {
    return data(
      {
        result: submission.reply({
          fieldErrors: { [created.field]: [draftErrorMessage(locale, created.error)] },
        }),
      },
      { status: 400 },
    );
  }
  const lang = new URL(request.url).searchParams.get('lang');
  return redirect(
    `/admin/invoices/${created.depositInvoiceId ?? created.invoiceId}${lang === 'en' || lang === 'fr' ? `?lang=${lang}` : ''}`,
  );
}

export default function NewInvoicePage() {
  const { customers, defaultTermsDays, defaultValue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useAdminT();
  return (
    <div className="space-y-5">
      <div>
        <h1 className={pageTitle}>{t('new.title')}</h1>
        <p className="mt-1 text-sm text-slate-700">{t('new.intro')}</p>
      </div>
      <InvoiceForm
        customers={customers}
        defaultTermsDays={defaultTermsDays}
        defaultValue={defaultValue}
        lastResult={actionData?.result}
      />
    </div>
  );
}

import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { ContactList } from '~/components/admin/contact-list';
import { adminTitle } from '~/components/admin/meta';
import { useSectionT } from '~/components/admin/section-t';
import { card, pageTitle, primaryButton, textLink } from '~/components/admin/ui';
import { useAdmin, useLangLink } from '~/components/admin/use-admin';
import { CsrfInput, FormErrors, SelectField } from '~/components/forms/field';
import { money } from '~/components/invoice/format';
import { adminCustomerForm } from '~/i18n/admin-customer-form';
import { adminContacts, adminCustomers } from '~/i18n/admin-customers';
import { requireAdminPost } from '~/modules/auth/admin-request.server';
import { businessBasics } from '~/modules/business/business-basics.server';
import {
  collectionPolicySchema,
  type CollectionPolicyFormInput,
} from '~/modules/customers/collection-policy-form.server';
import { CREDIT_POLICIES } from '~/modules/customers/credit-policies';
import { loadCustomerAccount } from '~/modules/customers/customer-accounts.server';
import { setCollectionPolicy } from '~/modules/customers/set-collection-policy.server';
import { listPolicies } from '~/modules/dunning/policies.server';
import { todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { formatDate, formatNumber, translator } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';
import { ActionReply } from '~/components/admin/action-reply';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  adminTitle(matches, () => data?.account.customer.name ?? '');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const basics = await businessBasics(db(), user.businessId);
  const account = await loadCustomerAccount(db(), user.businessId, params.id ?? '', todayIn(basics.timeZone));
  if (!account) throw new Response('Not found', { status: 404 });
  const policies = await listPolicies(db(), user.businessId);
  return { account, policies: policies.map((p) => ({ id: p.id, name: p.name, isDefault: p.isDefault })) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, form, actor, locale } = await requireAdminPost(request, context);
  const t = translator(locale, adminCustomers);
  const reply = (ok: boolean, message: string, result?: SubmissionResult<string[]>) => ({
    ok,
    message,
    result,
  });
  const submission = parseWithZod(form, { schema: collectionPolicySchema(locale) });
  if (submission.status !== 'success') {
    return data(reply(false, t('result.error'), submission.reply()), { status: 400 });
  }
  const saved = await setCollectionPolicy(db(), {
    businessId: user.businessId,
    customerId: params.id ?? '',
    actor,
    ...submission.value,
  });
  if (!saved.ok) {
    if (saved.error === 'not_found') return data(reply(false, t('result.customerGone')), { status: 404 });
    const message = t('result.policyGone');
    return data(reply(false, message, submission.reply({ fieldErrors: { dunningPolicyId: [message] } })), {
      status: 400,
    });
  }
  return data(reply(true, t(saved.changed.length ? 'result.saved' : 'result.unchanged'), submission.reply()));
}

export const ErrorBoundary = AdminErrorBoundary;

export default function CustomerPage() {
  const { account, policies } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { locale, t } = useSectionT(adminCustomers, adminContacts, adminCustomerForm);
  const lang = useLangLink();
  const { csrf } = useAdmin();
  const busy = useNavigation().state === 'submitting';
  const { customer, contacts, openInvoices, paymentRecord, suggestedPolicy } = account;
  const defaultPolicy = policies.find((p) => p.isDefault);
  const [form, fields] = useForm<CollectionPolicyFormInput>({
    id: 'collection',
    lastResult: reply?.result,
    defaultValue: {
      dunningPolicyId: customer.dunningPolicyId ?? 'default',
      creditPolicy: customer.creditPolicy,
    },
    shouldValidate: 'onSubmit',
  });
  const record = paymentRecord;

  return (
    <div className="space-y-5">
      <p>
        <Link to={lang('/admin/customers')} className={`text-sm ${textLink}`}>
          ← {t('customer.back')}
        </Link>
      </p>
      <div>
        <h1 className={`${pageTitle} break-words`}>{customer.name}</h1>
        <p className="mt-1 text-sm text-slate-700">
          {[customer.legalName, customer.city, t('customer.terms', { days: customer.termsDays })]
            .filter(Boolean)
            .join(' · ')}
        </p>
        {/* The customer's other pages; more links (e.g. a statement) belong in this row. */}
        <ul className="mt-3 flex flex-wrap gap-x-5 gap-y-2 text-sm">
          <li>
            <Link to={lang(`/admin/customers/${customer.id}/edit`)} className={textLink}>
              {t('edit.link')}
            </Link>
          </li>
          <li>
            <Link to={lang(`/admin/customers/${customer.id}/contacts`)} className={textLink}>
              {t('contacts.link')}
            </Link>
          </li>
          <li>
            <Link to={lang(`/admin/customers/${customer.id}/statement`)} className={textLink}>
              {t('customer.statement')}
            </Link>
          </li>
        </ul>
      </div>

      <ActionReply reply={reply} />

      <div className="grid items-start gap-5 lg:grid-cols-3">
        <div className="space-y-5 lg:col-span-2">
          <section aria-labelledby="settings-title" className={card}>
            <h2 id="settings-title" className="text-base font-semibold text-slate-900">
              {t('customer.settings')}
            </h2>
            <p className="mt-1 text-sm text-slate-700">{t('customer.settings.hint')}</p>
            <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
              <CsrfInput value={csrf} />
              <FormErrors id={form.errorId} errors={form.errors} />
              <div className="grid gap-4 sm:grid-cols-2">
                <SelectField
                  meta={fields.dunningPolicyId}
                  label={t('customer.policy')}
                  hint={
                    <Link to={lang('/admin/dunning')} className={textLink}>
                      {t('customer.policy.manage')}
                    </Link>
                  }
                >
                  <option value="default">
                    {t('customer.policy.defaultOption', { name: defaultPolicy?.name ?? '' })}
                  </option>
                  {policies
                    .filter((p) => !p.isDefault)
                    .map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                </SelectField>
                <fieldset
                  aria-invalid={fields.creditPolicy.errors?.length ? true : undefined}
                  aria-describedby={
                    fields.creditPolicy.errors?.length ? fields.creditPolicy.errorId : undefined
                  }
                >
                  <legend className="text-sm font-medium text-slate-800">{t('customer.credit')}</legend>
                  <div className="mt-1 space-y-2">
                    {CREDIT_POLICIES.map((value) => (
                      <label key={value} className="flex items-start gap-3 text-sm">
                        <input
                          type="radio"
                          name={fields.creditPolicy.name}
                          value={value}
                          defaultChecked={fields.creditPolicy.initialValue === value}
                          aria-describedby={`credit-${value}-hint`}
                          className="mt-0.5 h-4 w-4 shrink-0 accent-brand-700"
                        />
                        <span>
                          <span className="font-medium text-slate-900">{t(`credit.${value}`)}</span>
                          <span id={`credit-${value}-hint`} className="block text-xs text-slate-600">
                            {t(`credit.${value}.hint`, {
                              days: customer.termsDays,
                              percent: customer.depositPercent,
                            })}
                          </span>
                        </span>
                      </label>
                    ))}
                  </div>
                  {fields.creditPolicy.errors?.length ? (
                    <p id={fields.creditPolicy.errorId} className="mt-1 text-sm font-medium text-red-700">
                      {fields.creditPolicy.errors.join(' ')}
                    </p>
                  ) : null}
                </fieldset>
              </div>
              <button type="submit" className={primaryButton} disabled={busy}>
                {t('customer.save')}
              </button>
            </Form>
          </section>

          <section aria-labelledby="open-title" className={card}>
            <h2 id="open-title" className="text-base font-semibold text-slate-900">
              {t('customer.openInvoices')}
            </h2>
            {openInvoices.length ? (
              <ul className="mt-3 divide-y divide-slate-100">
                {openInvoices.map((i) => (
                  <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
                    <Link to={lang(`/admin/invoices/${i.id}`)} className={textLink}>
                      {i.number}
                    </Link>
                    <span className={i.daysLate > 0 ? 'font-medium text-red-800' : 'text-slate-700'}>
                      {formatDate(i.dueDate, locale)} ·{' '}
                      {i.daysLate > 0 ? t('customer.daysLate', { days: i.daysLate }) : t('customer.notLate')}
                    </span>
                    <span className="font-medium tabular-nums text-slate-900">
                      {money(i.balanceMinor, i.currency, locale)}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-2 text-sm text-slate-700">{t('customer.openInvoices.none')}</p>
            )}
          </section>
        </div>

        <div className="space-y-5">
          <section aria-labelledby="record-title" className={card}>
            <h2 id="record-title" className="text-base font-semibold text-slate-900">
              {t('customer.record')}
            </h2>
            <dl className="mt-3 space-y-1.5 text-sm">
              <div className="flex justify-between gap-4">
                <dt className="text-slate-700">{t('record.overdue')}</dt>
                <dd
                  className={`text-right font-medium tabular-nums ${record.overdue.length ? 'text-red-800' : 'text-slate-900'}`}
                >
                  {record.overdue.length
                    ? record.overdue.map((o) => (
                        <span key={o.currency} className="block">
                          {t('record.overdue.value', {
                            amount: money(o.balanceMinor, o.currency, locale),
                            count: o.invoices,
                            days: record.oldestDaysLate,
                          })}
                        </span>
                      ))
                    : t('record.overdue.none')}
                </dd>
              </div>
              {record.paidInvoices ? (
                <>
                  <div className="flex justify-between gap-4">
                    <dt className="text-slate-700">{t('customer.record.paid')}</dt>
                    <dd className="font-medium tabular-nums text-slate-900">{record.paidInvoices}</dd>
                  </div>
                  <div className="flex justify-between gap-4">
                    <dt className="text-slate-700">{t('customer.record.onTime')}</dt>
                    <dd className="font-medium tabular-nums text-slate-900">
                      {Math.round((record.paidOnTime / record.paidInvoices) * 100)} %
                    </dd>
                  </div>
                  <div className="flex justify-between gap-4">
                    <dt className="text-slate-700">{t('customer.record.averageLate')}</dt>
                    <dd className="font-medium tabular-nums text-slate-900">
                      {t('customer.record.days', {
                        days: formatNumber(record.averageDaysLate ?? 0, locale, 1),
                      })}
                    </dd>
                  </div>
                </>
              ) : null}
            </dl>
            {record.paidInvoices ? null : (
              <p className="mt-2 text-sm text-slate-700">{t('customer.record.none')}</p>
            )}
            {suggestedPolicy ? (
              <div className="mt-4 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
                <p className="font-semibold">
                  {t('record.suggest', { policy: t(`credit.${suggestedPolicy}`) })}
                </p>
                <p className="mt-1 text-xs">{t('record.suggest.why')}</p>
              </div>
            ) : null}
          </section>
          <section aria-labelledby="contacts-title" className={card}>
            <h2 id="contacts-title" className="text-base font-semibold text-slate-900">
              {t('customer.contacts')}
            </h2>
            <ContactList contacts={contacts} empty={t('customer.contacts.none')} t={t} />
          </section>
        </div>
      </div>
    </div>
  );
}

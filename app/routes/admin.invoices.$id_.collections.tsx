import { getFormProps, useForm } from '@conform-to/react';
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { ActionReply } from '~/components/admin/action-reply';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { adminTitle } from '~/components/admin/meta';
import { useSectionT } from '~/components/admin/section-t';
import { card, pageTitle, primaryButton, textLink } from '~/components/admin/ui';
import { useAdmin, useLangLink } from '~/components/admin/use-admin';
import { CsrfInput, Field, FormErrors, TextareaField } from '~/components/forms/field';
import { money } from '~/components/invoice/format';
import { adminCollections } from '~/i18n/admin-collections';
import { requireAdminPost } from '~/modules/auth/admin-request.server';
import { businessBasics } from '~/modules/business/business-basics.server';
import type { HandOffFormInput } from '~/modules/collections/hand-off-form.server';
import { handOffContext, runHandOff } from '~/modules/collections/hand-off-action.server';
import { db } from '~/utils/db.server';
import { formatDate, pickLocale, translator } from '~/utils/i18n';
import { minorToDecimal } from '~/utils/money';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  adminTitle(matches, () => data?.title ?? '');

async function context(businessId: string, invoiceId: string) {
  const basics = await businessBasics(db(), businessId);
  const loaded = await handOffContext(businessId, invoiceId, basics.timeZone);
  if (!loaded) throw new Response('Not found', { status: 404 });
  return loaded;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const loaded = await context(user.businessId, params.id ?? '');
  const t = translator(pickLocale(request), adminCollections);
  return { ...loaded, title: t('handoff.title', { number: loaded.invoice.number }) };
}

export async function action({ request, params, context: ctx }: ActionFunctionArgs) {
  const { user, form, actor, locale } = await requireAdminPost(request, ctx);
  const loaded = await context(user.businessId, params.id ?? '');
  const { status, reply, done } = await runHandOff({
    businessId: user.businessId,
    context: loaded,
    form,
    actor,
    locale,
  });
  const lang = new URL(request.url).searchParams.get('lang');
  if (done) return redirect(`/admin/invoices/${loaded.invoice.id}${lang ? `?lang=${locale}` : ''}`);
  return data(reply, { status });
}

export const ErrorBoundary = AdminErrorBoundary;

export default function HandOffPage() {
  const { invoice, handOff, today, maxMinor } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { csrf } = useAdmin();
  const { locale, t } = useSectionT(adminCollections);
  const lang = useLangLink();
  const busy = useNavigation().state === 'submitting';
  const balance = minorToDecimal(invoice.balanceMinor, invoice.currency);
  const [form, fields] = useForm<HandOffFormInput>({
    id: 'hand-off',
    lastResult: reply?.result,
    defaultValue: { handedOn: today, amount: locale === 'fr' ? balance.replace('.', ',') : balance },
    shouldValidate: 'onSubmit',
  });
  return (
    <div className="space-y-5">
      <p>
        <Link to={lang(`/admin/invoices/${invoice.id}`)} className={`text-sm ${textLink}`}>
          ← {invoice.number}
        </Link>
      </p>
      <h1 className={pageTitle}>{t('handoff.title', { number: invoice.number })}</h1>
      <ActionReply reply={reply} />
      <section className={`${card} max-w-2xl`} aria-labelledby="handoff-intro">
        <p id="handoff-intro" className="text-sm text-slate-700">
          {t('handoff.intro')}
        </p>
        <p className="mt-2 text-sm font-semibold text-slate-900">
          {invoice.customerName} ·{' '}
          {t('handoff.balance', { amount: money(invoice.balanceMinor, invoice.currency, locale) })}
        </p>
        {handOff ? (
          <p className="mt-4 rounded-lg border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-900">
            {t('card.handed', {
              agency: handOff.agencyName,
              date: formatDate(handOff.handedOn, locale),
              amount: money(handOff.amountMinor, handOff.currency, locale),
            })}
          </p>
        ) : invoice.status !== 'open' ? (
          <p className="mt-4 rounded-lg border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-900">
            {t('result.notOpen')}
          </p>
        ) : (
          <Form method="post" {...getFormProps(form)} className="mt-5 space-y-4">
            <CsrfInput value={csrf} />
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field
              meta={fields.agencyName}
              label={t('handoff.agency')}
              inputProps={{ autoComplete: 'organization' }}
            />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                meta={fields.handedOn}
                label={t('handoff.date')}
                type="date"
                inputProps={{ max: today }}
              />
              <Field
                meta={fields.amount}
                label={t('handoff.amount', { currency: invoice.currency })}
                hint={t('handoff.amount.hint', { max: money(maxMinor, invoice.currency, locale) })}
                inputProps={{ inputMode: 'decimal' }}
              />
            </div>
            <TextareaField meta={fields.note} label={t('handoff.note')} />
            <button type="submit" className={primaryButton} disabled={busy}>
              {t('handoff.submit')}
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}

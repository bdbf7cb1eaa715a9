import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ActionReply } from '~/components/admin/action-reply';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import { card, dangerButton, pageTitle, textLink } from '~/components/admin/ui';
import { useAdmin, useLangLink } from '~/components/admin/use-admin';
import { CsrfInput } from '~/components/forms/field';
import { money } from '~/components/invoice/format';
import { ColumnHeads } from '~/components/table/column-heads';
import { adminPlans } from '~/i18n/admin-plans';
import { plansText } from '~/i18n/plans';
import { promisesText } from '~/i18n/promises';
import { requireAdminPost } from '~/modules/auth/admin-request.server';
import { cancelPlan } from '~/modules/plans/end-plan.server';
import { listPlansAndPromises } from '~/modules/plans/list-plans.server';
import { db } from '~/utils/db.server';
import { formatDate, translator } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) => sectionTitle(matches, [adminPlans], 'plans.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return listPlansAndPromises(db(), user.businessId);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form, actor, locale } = await requireAdminPost(request, context);
  const t = translator(locale, adminPlans);
  const planId = String(form.get('planId') ?? '');
  const result = await cancelPlan(db(), {
    businessId: user.businessId,
    planId,
    actor: actor as typeof actor & { type: 'user' },
  });
  if (result.ok) return { ok: true, message: t('plans.cancelled') };
  return data(
    { ok: false, message: t(result.error === 'not_live' ? 'plans.cancel.notLive' : 'plans.cancel.notLive') },
    { status: result.error === 'not_found' ? 404 : 409 },
  );
}

export const ErrorBoundary = AdminErrorBoundary;

const stateTone: Record<string, string> = {
  pending: 'bg-amber-50 text-amber-950 ring-amber-300',
  active: 'bg-sky-50 text-sky-900 ring-sky-300',
  completed: 'bg-emerald-50 text-emerald-900 ring-emerald-300',
  defaulted: 'bg-red-50 text-red-800 ring-red-300',
  cancelled: 'bg-slate-100 text-slate-700 ring-slate-300',
  kept: 'bg-emerald-50 text-emerald-900 ring-emerald-300',
  broken: 'bg-red-50 text-red-800 ring-red-300',
};

function Pill({ tone, children }: { tone: string; children: string }) {
  return (
    <span
      className={`inline-flex whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${stateTone[tone] ?? stateTone.cancelled}`}
    >
      {children}
    </span>
  );
}

export default function PlansAndPromises() {
  const { plans, promises } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { csrf } = useAdmin();
  const { locale, t } = useSectionT(adminPlans, plansText, promisesText);
  const lang = useLangLink();
  const th = 'px-3 py-2 text-left font-medium text-slate-600';
  const td = 'px-3 py-2 align-top';

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className={pageTitle}>{t('plans.title')}</h1>
        <Link to={lang('/admin/plans/settings')} className={textLink}>
          {t('settings.title')}
        </Link>
      </div>
      <ActionReply reply={reply} />

      <section aria-labelledby="plans-title" className={card}>
        <h2 id="plans-title" className="text-lg font-semibold text-slate-900">
          {t('plans.plans')}
        </h2>
        {plans.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">{t('plans.empty')}</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <ColumnHeads
                  cellClass={th}
                  columns={[
                    { label: t('plans.col.invoice') },
                    { label: t('plans.col.customer') },
                    { label: t('plans.col.state') },
                    { label: t('plans.col.total'), numeric: true },
                    { label: t('plans.col.progress') },
                    { label: t('plans.col.next') },
                    { label: t('plans.col.actions') },
                  ]}
                />
              </thead>
              <tbody className="divide-y divide-slate-200 text-slate-900">
                {plans.map((p) => (
                  <tr key={p.id}>
                    <td className={td}>
                      <Link to={lang(`/admin/invoices/${p.invoiceId}`)} className={textLink}>
                        {p.number}
                      </Link>
                    </td>
                    <td className={td}>{p.customer}</td>
                    <td className={td}>
                      <Pill tone={p.status}>{t(`plan.state.${p.status}`)}</Pill>
                    </td>
                    <td className={`${td} text-right tabular-nums`}>
                      {money(p.totalMinor, p.currency, locale)}
                    </td>
                    <td className={td}>
                      {p.paid} / {p.parts}
                    </td>
                    <td className={td}>{p.nextDueDate ? formatDate(p.nextDueDate, locale, 'short') : '—'}</td>
                    <td className={td}>
                      {p.status === 'pending' || p.status === 'active' ? (
                        <Form method="post">
                          <CsrfInput value={csrf} />
                          <input type="hidden" name="planId" value={p.id} />
                          <button
                            type="submit"
                            className={`${dangerButton} px-3 py-1`}
                            aria-label={t('plans.cancel.label', { invoice: p.number })}
                          >
                            {t('plans.cancel')}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="promises-title" className={card}>
        <h2 id="promises-title" className="text-lg font-semibold text-slate-900">
          {t('plans.promises')}
        </h2>
        {promises.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">{t('plans.promises.empty')}</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <ColumnHeads
                  cellClass={th}
                  columns={[
                    { label: t('plans.col.invoice') },
                    { label: t('plans.col.customer') },
                    { label: t('plans.col.date') },
                    { label: t('plans.col.amount'), numeric: true },
                    { label: t('plans.col.state') },
                    { label: t('plans.col.source') },
                  ]}
                />
              </thead>
              <tbody className="divide-y divide-slate-200 text-slate-900">
                {promises.map((p) => (
                  <tr key={p.id}>
                    <td className={td}>
                      <Link to={lang(`/admin/invoices/${p.invoiceId}`)} className={textLink}>
                        {p.number}
                      </Link>
                    </td>
                    <td className={td}>{p.customer}</td>
                    <td className={td}>{formatDate(p.promisedDate, locale)}</td>
                    <td className={`${td} text-right tabular-nums`}>
                      {p.amountMinor === null
                        ? t('plans.amount.balance')
                        : money(p.amountMinor, p.currency, locale)}
                    </td>
                    <td className={td}>
                      <Pill tone={p.status === 'active' ? 'active' : p.status}>
                        {t(`promise.status.${p.status}`)}
                      </Pill>
                    </td>
                    <td className={td}>{t(`promise.source.${p.source}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

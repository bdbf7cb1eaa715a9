import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { ActionReply } from '~/components/admin/action-reply';
import { RefundForm } from '~/components/admin/refund-form';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { adminTitle } from '~/components/admin/meta';
import { OneTimeLink } from '~/components/admin/one-time-link';
import { useSectionT } from '~/components/admin/section-t';
import {
  card,
  dangerButton,
  pageTitle,
  primaryButton,
  secondaryButton,
  textLink,
} from '~/components/admin/ui';
import { useAdmin, useLangLink } from '~/components/admin/use-admin';
import { CsrfInput } from '~/components/forms/field';
import { money } from '~/components/invoice/format';
import { ColumnHeads } from '~/components/table/column-heads';
import { adminPayments } from '~/i18n/admin-payments';
import { statementsText } from '~/i18n/statements';
import { requireAdminPost } from '~/modules/auth/admin-request.server';
import { businessBasics } from '~/modules/business/business-basics.server';
import { loadAdminStatement, runStatementAdminAction } from '~/modules/statements/admin-statement.server';
import { todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { formatDate, formatDateTime } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  adminTitle(matches, () => data?.statement.customer.name ?? '');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const basics = await businessBasics(db(), user.businessId);
  const statement = await loadAdminStatement(db(), {
    businessId: user.businessId,
    customerId: params.id ?? '',
    timeZone: basics.timeZone,
    today: todayIn(basics.timeZone),
  });
  if (!statement) throw new Response('Not found', { status: 404 });
  // A fresh key per rendering of the refund forms: submitting one twice refunds once.
  return { statement, timeZone: basics.timeZone, requestKey: crypto.randomUUID() };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, form, actor, locale } = await requireAdminPost(request, context);
  const { status, reply } = await runStatementAdminAction(db(), {
    businessId: user.businessId,
    customerId: params.id ?? '',
    actor,
    locale,
    form,
  });
  return data(reply, { status });
}

export const ErrorBoundary = AdminErrorBoundary;

export default function CustomerStatementPage() {
  const { statement, timeZone, requestKey } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { locale, t } = useSectionT(statementsText, adminPayments);
  const lang = useLangLink();
  const { csrf } = useAdmin();
  const busy = useNavigation().state === 'submitting';
  const { customer, open, totals, links, payments } = statement;
  const th = 'px-3 py-2 text-left font-medium text-slate-600';
  const td = 'px-3 py-2 align-top';
  const onceT = (key: string, vars?: Record<string, string | number>) =>
    t(key.startsWith('link.once.') ? `astatement.${key}` : key, vars);

  return (
    <div className="space-y-5">
      <p>
        <Link to={lang(`/admin/customers/${customer.id}`)} className={`text-sm ${textLink}`}>
          ← {t('astatement.back')}
        </Link>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className={`${pageTitle} break-words`}>{t('astatement.title', { customer: customer.name })}</h1>
        <a href={lang(`/admin/customers/${customer.id}/statement.pdf`)} download className={secondaryButton}>
          {t('astatement.pdf')}
        </a>
      </div>
      <ActionReply reply={reply} />
      {reply?.ok && reply.url ? <OneTimeLink url={reply.url} t={onceT} /> : null}

      <section aria-labelledby="link-title" className={card}>
        <h2 id="link-title" className="text-base font-semibold text-slate-900">
          {t('astatement.link')}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t('astatement.link.hint')}</p>
        <p className="mt-2 text-sm font-medium text-slate-900">
          {links.live && links.expiresAt
            ? t('astatement.link.live', { count: links.live, date: formatDate(links.expiresAt, locale) })
            : t('astatement.link.none')}
        </p>
        <div className="mt-3 flex flex-wrap gap-2">
          {(['send', 'rotate', 'revoke'] as const).map((intent) => (
            <Form method="post" key={intent}>
              <CsrfInput value={csrf} />
              <input type="hidden" name="intent" value={intent} />
              <button
                type="submit"
                disabled={busy}
                className={
                  intent === 'send' ? primaryButton : intent === 'revoke' ? dangerButton : secondaryButton
                }
              >
                {t(`astatement.${intent}`)}
              </button>
            </Form>
          ))}
        </div>
      </section>

      <section aria-labelledby="open-title" className={card}>
        <h2 id="open-title" className="text-base font-semibold text-slate-900">
          {t('astatement.open')}
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          {totals
            .map((x) => t('statement.totals', { amount: money(x.balanceMinor, x.currency, locale) }))
            .join(' · ') || t('statement.open.none')}
        </p>
        {open.length ? (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <ColumnHeads
                  cellClass={th}
                  columns={[
                    { label: t('statement.col.number') },
                    { label: t('statement.col.due') },
                    { label: t('statement.col.late'), numeric: true },
                    { label: t('statement.col.amount'), numeric: true },
                    { label: t('statement.col.paid'), numeric: true },
                    { label: t('statement.col.balance'), numeric: true },
                    { label: t('statement.col.state') },
                  ]}
                />
              </thead>
              <tbody className="divide-y divide-slate-100 text-slate-900">
                {open.map((i) => (
                  <tr key={i.id}>
                    <td className={td}>
                      <Link to={lang(`/admin/invoices/${i.id}`)} className={textLink}>
                        {i.number}
                      </Link>
                    </td>
                    <td className={td}>{formatDate(i.dueDate, locale, 'short')}</td>
                    <td className={`${td} text-right tabular-nums`}>
                      {i.daysLate > 0
                        ? t('statement.late.days', { days: i.daysLate })
                        : t('statement.late.none')}
                    </td>
                    <td className={`${td} text-right tabular-nums`}>
                      {money(i.totalMinor, i.currency, locale)}
                    </td>
                    <td className={`${td} text-right tabular-nums`}>
                      {money(i.paidMinor, i.currency, locale)}
                    </td>
                    <td className={`${td} text-right font-semibold tabular-nums`}>
                      {money(i.balanceMinor, i.currency, locale)}
                    </td>
                    <td className={td}>{i.states.map((s) => t(`statement.state.${s}`)).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="payments-title" className={card}>
        <h2 id="payments-title" className="text-base font-semibold text-slate-900">
          {t('astatement.payments')}
        </h2>
        {payments.length ? (
          <ul className="mt-3 space-y-4">
            {payments.map((p) => (
              <li key={p.id} className="rounded-xl border border-slate-200 p-4">
                <h3 className="text-sm font-semibold text-slate-900">
                  {t('astatement.payment.head', {
                    date: formatDateTime(p.createdAt, locale, timeZone),
                    amount: money(p.amountMinor, p.currency, locale),
                    status: t(`astatement.status.${p.status}`),
                  })}
                </h3>
                {p.paymentIntentId ? (
                  <p className="mt-0.5 font-mono text-xs text-slate-600">{p.paymentIntentId}</p>
                ) : null}
                <table className="mt-2 w-full text-sm">
                  <thead>
                    <ColumnHeads
                      cellClass={th}
                      columns={[
                        { label: t('astatement.col.invoice') },
                        { label: t('astatement.col.planned'), numeric: true },
                        { label: t('astatement.col.applied'), numeric: true },
                      ]}
                    />
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {p.allocations.map((a) => (
                      <tr key={a.invoiceId}>
                        <td className={td}>
                          <Link to={lang(`/admin/invoices/${a.invoiceId}`)} className={textLink}>
                            {a.number}
                          </Link>
                        </td>
                        <td className={`${td} text-right tabular-nums`}>
                          {money(a.amountMinor, p.currency, locale)}
                        </td>
                        <td className={`${td} text-right tabular-nums`}>
                          {a.appliedMinor === null ? '—' : money(a.appliedMinor, p.currency, locale)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {p.excessMinor > 0 ? (
                  <p className="mt-2 text-sm text-slate-700">
                    {t('astatement.payment.excess', { amount: money(p.excessMinor, p.currency, locale) })}
                  </p>
                ) : null}
                {p.refundedMinor > 0 ? (
                  <p className="mt-2 text-sm text-slate-700">
                    {t('astatement.payment.refunded', { amount: money(p.refundedMinor, p.currency, locale) })}
                  </p>
                ) : null}
                {p.refundableMinor > 0 ? (
                  <div className="mt-3 text-sm">
                    <RefundForm
                      key={requestKey}
                      payment={p}
                      locale={locale}
                      t={t}
                      csrf={csrf}
                      busy={busy}
                      requestKey={requestKey}
                      reply={reply}
                    />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-700">{t('astatement.payments.none')}</p>
        )}
      </section>
    </div>
  );
}

import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { CallOutcomeForm, CompleteTaskForm } from '~/components/admin/call-outcome-form';
import { ContactList } from '~/components/admin/contact-list';
import { adminTitle } from '~/components/admin/meta';
import { useSectionT } from '~/components/admin/section-t';
import { TaskKindBadge } from '~/components/admin/task-kind-badge';
import { card, pageTitle, secondaryButton, textLink } from '~/components/admin/ui';
import { CsrfInput, inputClass } from '~/components/forms/field';
import { taskAssignees } from '~/modules/tasks/assign-task.server';
import { useAdmin, useLangLink } from '~/components/admin/use-admin';
import { money } from '~/components/invoice/format';
import { adminContacts } from '~/i18n/admin-customers';
import { adminTasks } from '~/i18n/admin-tasks';
import { requireAdminPost } from '~/modules/auth/admin-request.server';
import { businessBasics } from '~/modules/business/business-basics.server';
import { loadTask } from '~/modules/tasks/load-task.server';
import { runTaskAction } from '~/modules/tasks/task-action.server';
import { addDaysIso, todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { formatDate, formatDateTime } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';
import { ActionReply } from '~/components/admin/action-reply';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  adminTitle(matches, () => data?.task.title ?? '');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const today = todayIn((await businessBasics(db(), user.businessId)).timeZone);
  const loaded = await loadTask(db(), user.businessId, params.id ?? '', today);
  if (!loaded) throw new Response('Not found', { status: 404 });
  const assignees = await taskAssignees(db(), user.businessId);
  return { ...loaded, assignees, today, latestPromise: addDaysIso(today, loaded.promiseMaxDays) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, form, actor, locale } = await requireAdminPost(request, context);
  const { status, reply } = await runTaskAction({
    businessId: user.businessId,
    taskId: params.id ?? '',
    actor,
    locale,
    form,
  });
  return data(reply, { status });
}

export const ErrorBoundary = AdminErrorBoundary;

export default function TaskPage() {
  const loaded = useLoaderData<typeof loader>();
  const { task, invoice, customer, contacts, activePromise, openDispute, today, latestPromise, timeZone } =
    loaded;
  const assignee = loaded.assignees.find((u) => u.id === task.assigneeId);
  const reply = useActionData<typeof action>();
  const { locale, t } = useSectionT(adminTasks, adminContacts);
  const lang = useLangLink();
  const { csrf } = useAdmin();
  const busy = useNavigation().state === 'submitting';
  const d = (iso: string) => formatDate(iso, locale);
  const amount = invoice ? money(invoice.balanceMinor, invoice.currency, locale) : '';

  return (
    <div className="space-y-5">
      <p>
        <Link to={lang('/admin/tasks')} className={`text-sm ${textLink}`}>
          ← {t('task.back')}
        </Link>
      </p>
      <div className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <TaskKindBadge kind={task.kind} t={t} />
          <span
            className={`text-sm ${task.status === 'open' && task.dueOn < today ? 'font-semibold text-red-800' : 'text-slate-700'}`}
          >
            {task.status === 'open'
              ? t('task.dueOn', { date: d(task.dueOn) })
              : task.doneAt
                ? t(task.doneByName ? 'task.done' : 'task.done.noName', {
                    date: formatDateTime(task.doneAt, locale, timeZone),
                    name: task.doneByName ?? '',
                  })
                : null}
          </span>
        </div>
        <h1 className={`${pageTitle} break-words`}>{task.title}</h1>
      </div>

      <ActionReply reply={reply} />

      <div className="grid items-start gap-5 lg:grid-cols-3">
        <div className="space-y-5 lg:col-span-2">
          {invoice ? (
            <section aria-labelledby="invoice-title" className={card}>
              <h2 id="invoice-title" className="text-base font-semibold text-slate-900">
                {t('task.summary')}
              </h2>
              <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
                <div className="col-span-2">
                  <dt className="text-slate-600">{t('task.customer')}</dt>
                  <dd className="font-semibold text-slate-900">{customer?.name}</dd>
                </div>
                <div className="col-span-2">
                  <dt className="text-slate-600">{t('task.invoice')}</dt>
                  <dd>
                    <Link to={lang(`/admin/invoices/${invoice.id}`)} className={textLink}>
                      {invoice.number}
                    </Link>
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t('task.amountDue')}</dt>
                  <dd className="text-lg font-semibold tabular-nums text-slate-900">{amount}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t('task.dueDate')}</dt>
                  <dd className="font-medium text-slate-900">{d(invoice.dueDate)}</dd>
                </div>
                <div className="col-span-2">
                  <dt className="text-slate-600">{t('task.lateness')}</dt>
                  <dd className={`font-semibold ${invoice.daysLate > 0 ? 'text-red-800' : 'text-slate-900'}`}>
                    {invoice.daysLate > 0
                      ? t(invoice.daysLate === 1 ? 'task.daysLate.one' : 'task.daysLate.other', {
                          days: invoice.daysLate,
                        })
                      : t('task.notLate')}
                  </dd>
                </div>
              </dl>
              {invoice.status === 'paid' || invoice.status === 'void' ? (
                <p className="mt-4 rounded-lg border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-900">
                  {t(`task.invoiceStatus.${invoice.status}`)}
                </p>
              ) : null}
              {activePromise ? (
                <p className="mt-4 rounded-lg border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
                  {t('task.promiseActive', { date: d(activePromise.promisedDate) })}
                </p>
              ) : null}
              {openDispute ? (
                <p className="mt-4 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
                  {t('task.disputeOpen', { reason: t(`dispute.${openDispute.reason}`) })}
                </p>
              ) : null}
            </section>
          ) : null}

          {task.status !== 'open' ? (
            <section aria-labelledby="outcome-title" className={card}>
              <h2 id="outcome-title" className="text-base font-semibold text-slate-900">
                {t('task.outcome')}
              </h2>
              <p className="mt-2 text-sm font-medium text-slate-900">
                {task.outcome ? t(`outcome.value.${task.outcome}`) : '—'}
              </p>
              {task.notes ? (
                <p className="mt-2 whitespace-pre-line text-sm text-slate-700">{task.notes}</p>
              ) : null}
            </section>
          ) : task.kind === 'call' ? (
            <CallOutcomeForm
              csrf={csrf}
              busy={busy}
              reply={reply?.intent === 'outcome' ? reply : undefined}
              today={today}
              latestPromise={latestPromise}
              dueOn={task.dueOn}
              previousNotes={task.notes}
              t={t}
              locale={locale}
            />
          ) : (
            <CompleteTaskForm
              csrf={csrf}
              busy={busy}
              reply={reply?.intent === 'complete' ? reply : undefined}
              t={t}
            />
          )}
        </div>

        <div className="space-y-5">
          <section aria-labelledby="assign-title" className={card}>
            <h2 id="assign-title" className="text-base font-semibold text-slate-900">
              {t('assign.title')}
            </h2>
            <p className="mt-1 text-sm text-slate-700">
              {assignee ? t('assign.current', { name: assignee.name }) : t('assign.none')}
            </p>
            {task.status === 'open' ? (
              <Form method="post" className="mt-3 space-y-3">
                <CsrfInput value={csrf} />
                <input type="hidden" name="intent" value="assign" />
                <div>
                  <label htmlFor="assigneeId" className="block text-sm font-medium text-slate-800">
                    {t('assign.label')}
                  </label>
                  <select
                    id="assigneeId"
                    name="assigneeId"
                    defaultValue={task.assigneeId ?? ''}
                    className={`mt-1 ${inputClass}`}
                  >
                    <option value="">{t('assign.nobody')}</option>
                    {loaded.assignees.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" className={secondaryButton} disabled={busy}>
                  {t('assign.submit')}
                </button>
              </Form>
            ) : null}
          </section>
          <section aria-labelledby="contacts-title" className={card}>
            <h2 id="contacts-title" className="text-base font-semibold text-slate-900">
              {t('task.contacts')}
            </h2>
            <ContactList contacts={contacts} empty={t('task.contacts.none')} t={t} />
          </section>
          {task.kind === 'call' && invoice ? (
            <section aria-labelledby="script-title" className={card}>
              <h2 id="script-title" className="text-base font-semibold text-slate-900">
                {t('task.script')}
              </h2>
              <ol className="mt-3 list-decimal space-y-2 pl-5 text-sm text-slate-800 marker:font-semibold marker:text-brand-700">
                {[1, 2, 3, 4, 5, 6].map((n) => (
                  <li key={n}>
                    {t(`task.script.${n}`, {
                      number: invoice.number ?? '',
                      amount,
                      date: d(invoice.dueDate),
                      latest: d(latestPromise),
                    })}
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}

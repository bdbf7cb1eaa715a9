import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { and, eq } from 'drizzle-orm';
import { business, tasks } from '#db/schema/index';
import { adminTasks } from '~/i18n/admin-tasks';
import type { Actor } from '~/modules/audit/record-event.server';
import { isUuid } from '~/modules/dunning/ids';
import { todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { formatDate, translator, type Locale } from '~/utils/i18n';
import { callOutcomeSchema, completeTaskSchema } from './call-outcome-form.server';
import { assignTask, taskAssignees } from './assign-task.server';
import { completeTask, logCallOutcome, type CallOutcomeError } from './log-call-outcome.server';

export type TaskActionReply = {
  intent: 'outcome' | 'complete' | 'assign' | null;
  ok: boolean;
  message: string;
  result?: SubmissionResult<string[]>;
};

type Input = { businessId: string; taskId: string; actor: Actor; locale: Locale; form: FormData };

const ERROR_KEYS: Record<CallOutcomeError, string> = {
  not_found: 'result.notFound',
  not_call: 'result.notCall',
  not_open: 'result.notOpen',
  no_invoice: 'result.noInvoice',
  invoice_not_open: 'result.invoiceNotOpen',
  promise_exists: 'result.promiseExists',
  dispute_exists: 'result.disputeExists',
};

/** Which field a refusal is about, so the message also shows beside it. */
const ERROR_FIELDS: Partial<Record<CallOutcomeError, string>> = {
  promise_exists: 'promisedDate',
  dispute_exists: 'disputeReason',
};

/**
 * The task page's forms: who the task is assigned to, a call's outcome, or "mark as done" for other tasks. Dates are checked against
 * today in the business's time zone and its promise limit. Bad input: 400, nothing written.
 */
export async function runTaskAction(input: Input): Promise<{ status: number; reply: TaskActionReply }> {
  const t = translator(input.locale, adminTasks);
  const raw = input.form.get('intent');
  const intent: TaskActionReply['intent'] =
    raw === 'outcome' || raw === 'complete' || raw === 'assign' ? raw : null;
  const fail = (status: number, message: string, result?: SubmissionResult<string[]>) => ({
    status,
    reply: { intent, ok: false, message, result } satisfies TaskActionReply,
  });
  if (!intent) return fail(400, t('result.error'));
  if (!isUuid(input.taskId)) return fail(404, t('result.notFound'));
  const [context] = await db()
    .select({ timeZone: business.timeZone, promiseMaxDays: business.promiseMaxDays })
    .from(tasks)
    .innerJoin(business, eq(business.id, tasks.businessId))
    .where(and(eq(tasks.id, input.taskId), eq(tasks.businessId, input.businessId)));
  if (!context) return fail(404, t('result.notFound'));
  const today = todayIn(context.timeZone);

  if (intent === 'assign') return runAssign(input, t);

  if (intent === 'complete') {
    const submission = parseWithZod(input.form, { schema: completeTaskSchema(input.locale) });
    if (submission.status !== 'success') return fail(400, t('result.error'), submission.reply());
    const done = await completeTask(db(), { ...input, notes: submission.value.notes });
    if (!done.ok) return fail(done.error === 'not_found' ? 404 : 409, t(ERROR_KEYS[done.error]));
    return { status: 200, reply: { intent, ok: true, message: t('result.done') } };
  }

  const submission = parseWithZod(input.form, {
    schema: callOutcomeSchema(input.locale, today, context.promiseMaxDays),
  });
  if (submission.status !== 'success') return fail(400, t('result.error'), submission.reply());
  const { reached, ...value } = submission.value;
  const logged = await logCallOutcome(db(), {
    businessId: input.businessId,
    taskId: input.taskId,
    actor: input.actor,
    today,
    reached: reached === 'yes',
    ...value,
  });
  if (!logged.ok) {
    const message = t(ERROR_KEYS[logged.error]);
    const field = ERROR_FIELDS[logged.error];
    const status = logged.error === 'not_found' ? 404 : logged.error === 'not_open' ? 409 : 400;
    return fail(
      status,
      message,
      submission.reply(field ? { fieldErrors: { [field]: [message] } } : undefined),
    );
  }
  const date =
    logged.outcome === 'not_reached'
      ? formatDate(logged.retryOn, input.locale)
      : value.promisedDate
        ? formatDate(value.promisedDate, input.locale)
        : '';
  return {
    status: 200,
    reply: { intent, ok: true, message: t(`result.outcome.${logged.outcome}`, { date }) },
  };
}

async function runAssign(input: Input, t: ReturnType<typeof translator>) {
  const raw = String(input.form.get('assigneeId') ?? '');
  const assigneeId = raw === '' ? null : raw;
  const fail = (status: number, key: string) => ({
    status,
    reply: { intent: 'assign' as const, ok: false, message: t(key) },
  });
  const assigned = await assignTask(db(), {
    businessId: input.businessId,
    taskId: input.taskId,
    assigneeId,
    actor: input.actor,
  });
  if (!assigned.ok) {
    if (assigned.error === 'not_found') return fail(404, 'result.notFound');
    if (assigned.error === 'not_open') return fail(409, 'result.notOpen');
    return fail(400, 'result.unknownUser');
  }
  const name = assigneeId
    ? ((await taskAssignees(db(), input.businessId)).find((u) => u.id === assigneeId)?.name ?? '')
    : '';
  const message = !assigned.changed
    ? t('result.assignUnchanged')
    : assigneeId
      ? t('result.assigned', { name })
      : t('result.unassigned');
  return { status: 200, reply: { intent: 'assign' as const, ok: true, message } };
}

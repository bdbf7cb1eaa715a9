import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { adminDunning } from '~/i18n/admin-dunning';
import type { Actor } from '~/modules/audit/record-event.server';
import { db } from '~/utils/db.server';
import { translator, type Locale } from '~/utils/i18n';
import { deletePolicy, renamePolicy } from './policies.server';
import { renamePolicySchema, stepFormSchema } from './policy-form.server';
import { addStep, removeStep, updateStep } from './policy-steps.server';

export type PolicyIntent = 'add-step' | 'update-step' | 'remove-step' | 'rename' | 'delete';

/** What the page shows after a POST that did not redirect. */
export type PolicyActionReply = {
  intent: PolicyIntent | null;
  ok: boolean;
  message: string;
  stepId?: string;
  result?: SubmissionResult<string[]>;
};

/** After a POST that worked: where to go (relative query of the policy page, or the list). */
export type PolicyActionRedirect = { redirect: string };

type Input = { businessId: string; policyId: string; actor: Actor; locale: Locale; form: FormData };

/**
 * Runs one of the policy page's forms, chosen by `intent`: add, change or remove a step, rename or delete the
 * policy. Bad input is a 400 with the message beside the field, and writes nothing.
 */
export async function runPolicyAction(
  input: Input,
): Promise<{ status: number; reply: PolicyActionReply } | PolicyActionRedirect> {
  const t = translator(input.locale, adminDunning);
  const raw = input.form.get('intent');
  const intent =
    (['add-step', 'update-step', 'remove-step', 'rename', 'delete'] as const).find((i) => i === raw) ?? null;
  const stepId = String(input.form.get('stepId') ?? '');
  const fail = (status: number, message: string, result?: SubmissionResult<string[]>) => ({
    status,
    reply: { intent, ok: false, message, stepId: stepId || undefined, result },
  });
  const scope = { businessId: input.businessId, policyId: input.policyId, actor: input.actor };

  switch (intent) {
    case 'add-step':
    case 'update-step': {
      const submission = parseWithZod(input.form, { schema: stepFormSchema(input.locale) });
      if (submission.status !== 'success') return fail(400, t('result.error'), submission.reply());
      const saved =
        intent === 'add-step'
          ? await addStep(db(), { ...scope, step: submission.value })
          : await updateStep(db(), { ...scope, stepId, step: submission.value });
      if (!saved.ok) {
        if (saved.error === 'duplicate_offset') {
          const message = t('step.offset.duplicate');
          return fail(400, message, submission.reply({ fieldErrors: { offsetDays: [message] } }));
        }
        return fail(404, t('result.step.notFound'));
      }
      const changed = 'changed' in saved ? (saved.changed as string[] | undefined) : undefined;
      const done = intent === 'add-step' ? 'added' : changed?.length ? 'changed' : 'unchanged';
      return { redirect: `?step=${saved.stepId}&done=${done}` };
    }
    case 'remove-step': {
      const removed = await removeStep(db(), { ...scope, stepId });
      if (!removed.ok) return fail(404, t('result.step.notFound'));
      return { redirect: `?done=${removed.archived ? 'archived' : 'removed'}` };
    }
    case 'rename': {
      const submission = parseWithZod(input.form, { schema: renamePolicySchema(input.locale) });
      if (submission.status !== 'success') return fail(400, t('result.error'), submission.reply());
      const renamed = await renamePolicy(db(), { ...scope, name: submission.value.name });
      if (!renamed.ok) return fail(404, t('result.policy.notFound'));
      return { status: 200, reply: { intent, ok: true, message: t('result.renamed') } };
    }
    case 'delete': {
      const deleted = await deletePolicy(db(), scope);
      if (!deleted.ok) {
        const key = {
          not_found: 'result.policy.notFound',
          is_default: 'policy.delete.default',
          has_customers: 'policy.delete.hasCustomers',
          has_reminders: 'policy.delete.hasReminders',
        }[deleted.error];
        return fail(deleted.error === 'not_found' ? 404 : 409, t(key));
      }
      return { redirect: '/admin/dunning?deleted=1' };
    }
    default:
      return fail(400, t('result.error'));
  }
}

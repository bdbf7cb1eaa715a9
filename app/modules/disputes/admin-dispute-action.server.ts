import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { z } from 'zod';
import { adminDisputes } from '~/i18n/admin-disputes';
import type { Actor } from '~/modules/audit/record-event.server';
import { db } from '~/utils/db.server';
import { translator, type Locale } from '~/utils/i18n';
import { postDisputeMessage } from './post-dispute-message.server';
import { MESSAGE_MAX } from './reasons';
import { acceptDispute, rejectDispute } from './resolve-dispute.server';

export type AdminDisputeIntent = 'reply' | 'accept' | 'reject';
export type AdminDisputeReply = {
  intent: AdminDisputeIntent | null;
  ok: boolean;
  message: string;
  result?: SubmissionResult<string[]>;
};

function schema(locale: Locale, intent: AdminDisputeIntent) {
  const t = translator(locale, adminDisputes);
  const body = z
    .string({ error: t('dispute.error.body') })
    .trim()
    .min(1, t('dispute.error.body'))
    .max(MESSAGE_MAX, t('dispute.error.body.long', { max: MESSAGE_MAX }));
  if (intent === 'reject') return z.object({ body, attachAcceptance: z.literal('on').optional() });
  return z.object({ body });
}

/** The dispute page's three forms: reply in the thread, accept (credit note), reject (reply, optional letter). */
export async function runAdminDisputeAction(input: {
  businessId: string;
  disputeId: string;
  actor: Actor;
  locale: Locale;
  form: FormData;
}): Promise<{ status: number; reply: AdminDisputeReply }> {
  const t = translator(input.locale, adminDisputes);
  const raw = input.form.get('intent');
  const intent = (['reply', 'accept', 'reject'] as const).find((i) => i === raw) ?? null;
  const fail = (status: number, message: string, result?: SubmissionResult<string[]>) => ({
    status,
    reply: { intent, ok: false, message, result },
  });
  if (!intent) return fail(400, t('dispute.result.error'));
  const submission = parseWithZod(input.form, { schema: schema(input.locale, intent) });
  if (submission.status !== 'success') return fail(400, t('dispute.result.error'), submission.reply());
  const scope = { businessId: input.businessId, disputeId: input.disputeId, actor: input.actor };
  const refused = (error: 'not_found' | 'closed' | 'no_acceptance') => {
    const message = t(
      error === 'not_found'
        ? 'dispute.result.notFound'
        : error === 'closed'
          ? 'dispute.result.closed'
          : 'dispute.result.noAcceptance',
    );
    return fail(error === 'not_found' ? 404 : 409, message, submission.reply({ formErrors: [message] }));
  };
  if (intent === 'reply') {
    const posted = await postDisputeMessage(db(), {
      disputeId: input.disputeId,
      scope: { businessId: input.businessId },
      body: submission.value.body,
      actor: input.actor,
    });
    if (!posted.ok) return refused(posted.error);
    return { status: 200, reply: { intent, ok: true, message: t('dispute.result.sent') } };
  }
  if (intent === 'accept') {
    const accepted = await acceptDispute(db(), { ...scope, note: submission.value.body });
    if (!accepted.ok) return refused(accepted.error);
    return {
      status: 200,
      reply: {
        intent,
        ok: true,
        message: accepted.creditNoteNumber
          ? t('dispute.result.accepted', { number: accepted.creditNoteNumber })
          : t('dispute.result.accepted.none'),
      },
    };
  }
  const value = submission.value as { body: string; attachAcceptance?: 'on' };
  const rejected = await rejectDispute(db(), {
    ...scope,
    reply: value.body,
    attachAcceptance: value.attachAcceptance === 'on',
  });
  if (!rejected.ok) return refused(rejected.error);
  return { status: 200, reply: { intent, ok: true, message: t('dispute.result.rejected') } };
}

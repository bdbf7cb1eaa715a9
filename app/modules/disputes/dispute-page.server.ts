import { parseWithZod } from '@conform-to/zod/v4';
import type { SubmissionResult } from '@conform-to/react';
import { eq } from 'drizzle-orm';
import { acceptances } from '#db/schema/index';
import { disputes as copy } from '~/i18n/disputes';
import type { InvoiceView } from '~/modules/invoices/types';
import { computeTotals } from '~/modules/invoices/totals';
import { db } from '~/utils/db.server';
import { translator, type Locale } from '~/utils/i18n';
import { disputeMessageSchema, openDisputeSchema } from './dispute-form.server';
import { latestDispute } from './load-dispute.server';
import { openDispute } from './open-dispute.server';
import { postDisputeMessage } from './post-dispute-message.server';
import { MESSAGE_MAX } from './reasons';

/** The debtor's dispute page: the latest dispute's thread, and whether (and on what) a new one may be raised. */
export async function loadDisputePage(view: InvoiceView) {
  const thread = await latestDispute(db(), view.id);
  const inProgress = thread && (thread.status === 'waiting_for_us' || thread.status === 'waiting_for_them');
  const [signed] = await db()
    .select({ id: acceptances.id })
    .from(acceptances)
    .where(eq(acceptances.invoiceId, view.id));
  return {
    thread,
    canOpen: view.status === 'open' && view.balanceMinor > 0 && !inProgress,
    lines: view.lines.map((l) => ({
      id: l.id,
      description: l.description,
      totalMinor: computeTotals([l]).totalMinor,
    })),
    hasAcceptance: Boolean(signed),
    messageMax: MESSAGE_MAX,
  };
}

export type DisputeActionReply = {
  intent: 'open' | 'message' | null;
  ok: boolean;
  message?: string;
  result?: SubmissionResult<string[]>;
};

const OPEN_ERRORS = {
  not_found: ['dispute.error.not_open', null],
  not_open: ['dispute.error.not_open', null],
  paid: ['dispute.error.not_open.paid', null],
  nothing_due: ['dispute.error.nothing_due', null],
  dispute_exists: ['dispute.error.dispute_exists', null],
  bad_lines: ['dispute.error.lines.unknown', 'lineIds'],
} as const;

/**
 * The dispute page's two forms: raise a dispute, or write in its thread. Every refusal is a 4xx with a message
 * beside the field it is about (or above the form), and nothing written.
 */
export async function runDisputeAction(
  form: FormData,
  view: InvoiceView,
  input: { locale: Locale; ip: string | null; userAgent: string | null },
): Promise<{ status: number; reply: DisputeActionReply }> {
  const t = translator(input.locale, copy);
  const actor = { type: 'debtor' as const, ip: input.ip, userAgent: input.userAgent };
  const intent = form.get('intent');
  if (intent === 'open') {
    const submission = parseWithZod(form, { schema: openDisputeSchema(input.locale) });
    if (submission.status !== 'success') {
      return {
        status: 400,
        reply: { intent, ok: false, result: submission.reply({ formErrors: [t('dispute.error.form')] }) },
      };
    }
    const v = submission.value;
    const opened = await openDispute(db(), {
      invoiceId: view.id,
      lineIds: v.scope === 'lines' ? (v.lineIds ?? []) : [],
      reason: v.reason,
      message: v.message,
      actor,
    });
    if (!opened.ok) {
      const [key, field] = OPEN_ERRORS[opened.error];
      const message = t(key);
      return {
        status: opened.error === 'dispute_exists' ? 409 : opened.error === 'bad_lines' ? 400 : 409,
        reply: {
          intent,
          ok: false,
          result: submission.reply({
            formErrors: [message],
            ...(field ? { fieldErrors: { [field]: [message] } } : {}),
          }),
        },
      };
    }
    return {
      status: 200,
      reply: { intent, ok: true, message: t('dispute.opened', { business: view.seller.name }) },
    };
  }
  if (intent === 'message') {
    const submission = parseWithZod(form, { schema: disputeMessageSchema(input.locale) });
    if (submission.status !== 'success') {
      return {
        status: 400,
        reply: { intent, ok: false, result: submission.reply({ formErrors: [t('dispute.error.form')] }) },
      };
    }
    const posted = await postDisputeMessage(db(), {
      disputeId: submission.value.disputeId,
      scope: { invoiceId: view.id },
      body: submission.value.body,
      actor,
    });
    if (!posted.ok) {
      const message = t(posted.error === 'closed' ? 'dispute.error.closed' : 'dispute.error.not_found');
      return {
        status: posted.error === 'closed' ? 409 : 404,
        reply: {
          intent,
          ok: false,
          result: submission.reply({ formErrors: [message], fieldErrors: { body: [message] } }),
        },
      };
    }
    return { status: 200, reply: { intent, ok: true, message: t('dispute.sent') } };
  }
  return { status: 400, reply: { intent: null, ok: false, message: t('dispute.error.form') } };
}

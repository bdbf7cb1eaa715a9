import { parseWithZod } from '@conform-to/zod/v4';
import type { SubmissionResult } from '@conform-to/react';
import { z } from 'zod';
import { adminDisputes } from '~/i18n/admin-disputes';
import type { Actor } from '~/modules/audit/record-event.server';
import { businessBasics } from '~/modules/business/business-basics.server';
import { isIsoDate, todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { translator, type Locale } from '~/utils/i18n';
import { requestAcceptance } from './request-acceptance.server';

/** The invoice page's "ask for the signature" form: a delivery date (today at the latest), then the request. */
export async function runRequestAcceptanceAction(input: {
  businessId: string;
  invoiceId: string;
  actor: Actor;
  locale: Locale;
  form: FormData;
}): Promise<{ status: number; ok: boolean; message: string; result?: SubmissionResult<string[]> }> {
  const t = translator(input.locale, adminDisputes);
  const today = todayIn((await businessBasics(db(), input.businessId)).timeZone);
  const error = t('invoice.letter.error.delivery');
  const submission = parseWithZod(input.form, {
    schema: z.object({
      deliveryDate: z
        .string({ error })
        .trim()
        .refine((d) => isIsoDate(d) && d <= today, error),
    }),
  });
  if (submission.status !== 'success')
    return { status: 400, ok: false, message: error, result: submission.reply() };
  const requested = await requestAcceptance(db(), { ...input, deliveryDate: submission.value.deliveryDate });
  if (!requested.ok) {
    const message = t(
      `invoice.letter.result.${requested.error === 'not_found' ? 'not_requestable' : requested.error}`,
    );
    return {
      status: requested.error === 'not_found' ? 404 : 409,
      ok: false,
      message,
      result: submission.reply({ formErrors: [message] }),
    };
  }
  return {
    status: 200,
    ok: true,
    message: t(
      requested.emailedTo.length
        ? 'invoice.letter.result.requested'
        : 'invoice.letter.result.requested.noEmail',
    ),
  };
}

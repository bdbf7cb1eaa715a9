import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { eq } from 'drizzle-orm';
import { business } from '#db/schema/index';
import { promisesText } from '~/i18n/promises';
import type { Actor } from '~/modules/audit/record-event.server';
import { db } from '~/utils/db.server';
import { translator, type Locale } from '~/utils/i18n';
import { makePromise } from './make-promise.server';
import { promiseSchema } from './promise-form.server';

export type PromiseReply = { ok: boolean; result?: SubmissionResult<string[]> };

/** The business's promise settings for the form: how far ahead, how many. */
export async function promiseSettings(businessId: string) {
  const [row] = await db()
    .select({ maxDays: business.promiseMaxDays, maxPerInvoice: business.promiseMaxPerInvoice })
    .from(business)
    .where(eq(business.id, businessId));
  return row!;
}

/**
 * The promise form's POST, for the debtor page and the admin's "promise made on the phone": validated against
 * today and the business's limit (400 with the message beside the field, nothing written), then recorded. A
 * refusal from the rules (one active promise, the limit) is a form-level message (409).
 */
export async function runPromiseAction(input: {
  form: FormData;
  invoice: { id: string; businessId: string; currency: string; balanceMinor: number; businessName: string };
  today: string;
  locale: Locale;
  source: 'debtor' | 'staff';
  actor: Actor;
}): Promise<{ status: number; reply: PromiseReply }> {
  const settings = await promiseSettings(input.invoice.businessId);
  const t = translator(input.locale, promisesText);
  if (input.source === 'debtor' && settings.maxDays === 0) {
    return { status: 409, reply: { ok: false } };
  }
  const submission = parseWithZod(input.form, {
    schema: promiseSchema({
      locale: input.locale,
      today: input.today,
      maxDays: settings.maxDays,
      currency: input.invoice.currency,
      balanceMinor: input.invoice.balanceMinor,
    }),
  });
  if (submission.status !== 'success') {
    return { status: 400, reply: { ok: false, result: submission.reply() } };
  }
  const made = await makePromise(db(), {
    invoiceId: input.invoice.id,
    businessId: input.source === 'staff' ? input.invoice.businessId : undefined,
    promisedDate: submission.value.promisedDate,
    amountMinor: submission.value.amount,
    reason: submission.value.reason ?? null,
    note: submission.value.note || null,
    source: input.source,
    actor: input.actor,
  });
  if (made.ok) return { status: 200, reply: { ok: true } };
  const message = t(`promise.error.${made.error === 'not_found' ? 'not_open' : made.error}`, {
    max: made.max ?? settings.maxPerInvoice,
    business: input.invoice.businessName,
  });
  return { status: 409, reply: { ok: false, result: submission.reply({ formErrors: [message] }) } };
}

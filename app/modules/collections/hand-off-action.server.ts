import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { adminCollections } from '~/i18n/admin-collections';
import type { Actor } from '~/modules/audit/record-event.server';
import { loadInvoiceForAdmin } from '~/modules/invoices/admin-invoice.server';
import { latePenalty } from '~/modules/invoices/penalties';
import { todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { intlTag, translator, type Locale } from '~/utils/i18n';
import { formatMoney } from '~/utils/money';
import { findCollectionCase } from './list-cases.server';
import { handOffSchema } from './hand-off-form.server';
import { handToAgency } from './hand-to-agency.server';

export type HandOffReply = { ok: boolean; message: string; result?: SubmissionResult<string[]> };

/**
 * What the hand-off page needs: the invoice (open, numbered), today, and the most the agency may be asked to
 * recover (the balance plus the penalties the law allows today). Null for an unknown invoice or a draft.
 */
export async function handOffContext(businessId: string, invoiceId: string, timeZone: string) {
  const invoice = await loadInvoiceForAdmin(db(), businessId, invoiceId);
  if (!invoice || !invoice.view.number) return null;
  const v = invoice.view;
  const today = todayIn(timeZone);
  const penalty = latePenalty({
    balanceMinor: v.balanceMinor,
    dueDate: v.dueDate,
    asOf: today,
    rateBps: v.penaltyRateBps,
    indemnityMinor: v.recoveryIndemnityMinor,
  });
  const handOff = await findCollectionCase(db(), businessId, v.id);
  return {
    invoice: {
      id: v.id,
      number: v.number!,
      status: v.status,
      currency: v.currency,
      dueDate: v.dueDate,
      balanceMinor: v.balanceMinor,
      customerName: invoice.customerName,
    },
    handOff,
    today,
    maxMinor: v.balanceMinor + (penalty?.totalMinor ?? 0),
  };
}

type Context = NonNullable<Awaited<ReturnType<typeof handOffContext>>>;

/** The hand-off form: 400 with messages beside the fields and nothing written on bad input. */
export async function runHandOff(input: {
  businessId: string;
  context: Context;
  form: FormData;
  actor: Actor;
  locale: Locale;
}): Promise<{ status: number; reply: HandOffReply; done?: boolean }> {
  const t = translator(input.locale, adminCollections);
  const { invoice, today, maxMinor } = input.context;
  const submission = parseWithZod(input.form, {
    schema: handOffSchema(input.locale, {
      today,
      dueDate: invoice.dueDate,
      currency: invoice.currency,
      maxMinor,
      maxText: formatMoney(maxMinor, invoice.currency, intlTag(input.locale)),
    }),
  });
  if (submission.status !== 'success')
    return { status: 400, reply: { ok: false, message: t('result.error'), result: submission.reply() } };
  const { amount, ...rest } = submission.value;
  const handed = await handToAgency(db(), {
    businessId: input.businessId,
    invoiceId: invoice.id,
    amountMinor: amount,
    actor: input.actor,
    ...rest,
  });
  if (!handed.ok) {
    const status = handed.error === 'not_found' ? 404 : 409;
    return {
      status,
      reply: { ok: false, message: t(`result.${handed.error === 'not_found' ? 'notFound' : 'notOpen'}`) },
    };
  }
  return {
    status: 200,
    done: true,
    reply: {
      ok: true,
      message: handed.already ? t('result.already') : t('result.saved', { agency: rest.agencyName }),
    },
  };
}

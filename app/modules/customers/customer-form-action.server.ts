import { and, eq } from 'drizzle-orm';
import { business, customers } from '#db/schema/index';
import { isUuid } from '~/modules/dunning/ids';
import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { adminCustomerForm } from '~/i18n/admin-customer-form';
import type { Actor } from '~/modules/audit/record-event.server';
import { db } from '~/utils/db.server';
import { translator, type Locale } from '~/utils/i18n';
import { customerSchema } from './customer-form.server';
import { createCustomer, updateCustomer } from './save-customer.server';

export type CustomerFormReply = { ok: boolean; message: string; result?: SubmissionResult<string[]> };
type Outcome = { status: number; reply: CustomerFormReply; customerId?: string };

/** The create and edit forms: 400 with messages beside the fields and nothing written on bad input. */
export async function runCustomerForm(input: {
  businessId: string;
  customerId: string | null;
  form: FormData;
  actor: Actor;
  locale: Locale;
}): Promise<Outcome> {
  const t = translator(input.locale, adminCustomerForm);
  const submission = parseWithZod(input.form, { schema: customerSchema(input.locale) });
  if (submission.status !== 'success')
    return { status: 400, reply: { ok: false, message: t('cf.error'), result: submission.reply() } };
  const base = { businessId: input.businessId, actor: input.actor, fields: submission.value };
  if (!input.customerId) {
    const { customerId } = await createCustomer(db(), base);
    return { status: 201, reply: { ok: true, message: t('edit.saved') }, customerId };
  }
  const saved = await updateCustomer(db(), { ...base, customerId: input.customerId });
  if (!saved.ok) return { status: 404, reply: { ok: false, message: t('edit.gone') } };
  return {
    status: 200,
    customerId: input.customerId,
    reply: {
      ok: true,
      message: t(saved.changed.length ? 'edit.saved' : 'edit.unchanged'),
      result: submission.reply(),
    },
  };
}

/** The business settings the customer form shows as its defaults. */
export async function customerFormDefaults(businessId: string) {
  const [row] = await db()
    .select({
      currency: business.defaultCurrency,
      termsDays: business.defaultTermsDays,
      country: business.country,
    })
    .from(business)
    .where(eq(business.id, businessId));
  return row ?? { currency: 'EUR', termsDays: 30, country: 'FR' };
}

/** One customer row of the business (what the edit form starts from), or null. */
export async function loadCustomerRow(businessId: string, customerId: string) {
  if (!isUuid(customerId)) return null;
  const [row] = await db()
    .select()
    .from(customers)
    .where(and(eq(customers.id, customerId), eq(customers.businessId, businessId)));
  return row ?? null;
}

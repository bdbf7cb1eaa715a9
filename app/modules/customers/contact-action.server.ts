import { and, asc, eq, sql } from 'drizzle-orm';
import { contacts, customers } from '#db/schema/index';
import { isUuid } from '~/modules/dunning/ids';
import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { adminCustomerForm } from '~/i18n/admin-customer-form';
import type { Actor } from '~/modules/audit/record-event.server';
import { db } from '~/utils/db.server';
import { translator, type Locale } from '~/utils/i18n';
import { contactSchema } from './contact-form.server';
import { removeContact, saveContact } from './save-contact.server';

/** `formId`: which form on the page the reply is for ("contact-new" or "contact-<id>"). */
export type ContactReply = {
  formId: string;
  ok: boolean;
  message: string;
  result?: SubmissionResult<string[]>;
};

/** The contacts page's forms: save (add or change) and remove. Bad input: 400, nothing written. */
export async function runContactAction(input: {
  businessId: string;
  customerId: string;
  form: FormData;
  actor: Actor;
  locale: Locale;
}): Promise<{ status: number; reply: ContactReply }> {
  const t = translator(input.locale, adminCustomerForm);
  const intent = input.form.get('intent');
  const contactId = String(input.form.get('contactId') ?? '') || null;
  const formId = contactId ? `contact-${contactId}` : 'contact-new';
  const scope = { businessId: input.businessId, customerId: input.customerId, actor: input.actor };
  if (intent === 'remove' && contactId) {
    const removed = await removeContact(db(), { ...scope, contactId });
    if (!removed.ok) return { status: 404, reply: { formId, ok: false, message: t('edit.gone') } };
    return {
      status: 200,
      reply: { formId, ok: true, message: t(removed.changed ? 'contact.removed' : 'contact.gone') },
    };
  }
  if (intent !== 'save') return { status: 400, reply: { formId, ok: false, message: t('cf.error') } };
  const submission = parseWithZod(input.form, { schema: contactSchema(input.locale) });
  if (submission.status !== 'success')
    return { status: 400, reply: { formId, ok: false, message: t('cf.error'), result: submission.reply() } };
  const saved = await saveContact(db(), { ...scope, contactId, fields: submission.value });
  if (!saved.ok) return { status: 404, reply: { formId, ok: false, message: t('contact.gone') } };
  const message = !contactId ? 'contact.added' : saved.changed ? 'contact.saved' : 'contact.unchanged';
  return {
    status: 200,
    reply: {
      formId,
      ok: true,
      message: t(message),
      result: submission.reply({ resetForm: !contactId }),
    },
  };
}

/** The customer's name and contacts (with whether mail to them is suppressed), or null for another business's. */
export async function loadContactsPage(businessId: string, customerId: string) {
  if (!isUuid(customerId)) return null;
  const [customer] = await db()
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(and(eq(customers.id, customerId), eq(customers.businessId, businessId)));
  if (!customer) return null;
  const rows = await db()
    .select({
      id: contacts.id,
      name: contacts.name,
      email: contacts.email,
      phone: contacts.phone,
      roles: contacts.roles,
      suppressed: sql<boolean>`${contacts.emailSuppressedAt} IS NOT NULL`,
    })
    .from(contacts)
    .where(eq(contacts.customerId, customer.id))
    .orderBy(asc(contacts.createdAt), asc(contacts.id));
  return { customer, contacts: rows };
}

import { verify } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emails, invoiceLinks } from '#db/schema/index';
import { invoiceLedger } from '~/modules/invoices/invoice-balance.server';
import { db } from '~/utils/db.server';
import { addDaysIso, todayIn } from '~/utils/dates';
import { hashToken } from '~/utils/tokens.server';
import {
  createBusiness,
  createCustomer,
  createDraftInvoice,
  createIssuedInvoice,
  createOverdueInvoice,
  createPaidInvoice,
  createPartlyPaidInvoice,
  createUser,
  createVoidInvoice,
  readInvoice,
} from './index';
import { randomSiren, vatFromSiren } from './ids';

describe('factories', () => {
  it('make valid French identifiers', () => {
    const luhn = (s: string) =>
      [...s].reverse().reduce((sum, c, i) => {
        const d = i % 2 ? Number(c) * 2 : Number(c);
        return sum + (d > 9 ? d - 9 : d);
      }, 0) % 10;
    for (let i = 0; i < 20; i++) expect(luhn(randomSiren())).toBe(0);
    expect(vatFromSiren('404833048')).toBe('FR83404833048');
  });

  it('create a business, a user who can log in, and a customer with billing and AP contacts', async () => {
    const business = await createBusiness();
    expect(business).toMatchObject({ country: 'FR', timeZone: 'Europe/Paris' });
    const user = await createUser(business.id, { role: 'staff', password: 'hunter2-but-longer' });
    expect(user.role).toBe('staff');
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verify(user.passwordHash, 'hunter2-but-longer')).toBe(true);
    const customer = await createCustomer(business.id);
    expect(customer.contacts.flatMap((c) => c.roles).sort()).toEqual(['accounts_payable', 'billing']);
  });

  it('build invoices in each named state', async () => {
    const draft = await createDraftInvoice();
    expect((await readInvoice(draft.invoiceId)).status).toBe('draft');
    expect(draft.totalMinor).toBe(165_000);

    const issued = await createIssuedInvoice();
    expect(await readInvoice(issued.invoiceId)).toMatchObject({ status: 'open', number: issued.number });
    const [link] = await db()
      .select()
      .from(invoiceLinks)
      .where(eq(invoiceLinks.tokenHash, hashToken(issued.token)));
    expect(link?.invoiceId).toBe(issued.invoiceId);
    expect(await db().select().from(emails).where(eq(emails.invoiceId, issued.invoiceId))).toHaveLength(1);

    const overdue = await createOverdueInvoice(12);
    expect(overdue.dueDate).toBe(addDaysIso(todayIn('Europe/Paris'), -12));

    const paid = await createPaidInvoice();
    expect((await readInvoice(paid.invoiceId)).status).toBe('paid');

    const partly = await createPartlyPaidInvoice();
    expect((await readInvoice(partly.invoiceId)).status).toBe('open');
    expect((await invoiceLedger(db(), partly.invoiceId))?.balanceMinor).toBe(partly.balanceMinor);

    const voided = await createVoidInvoice();
    expect((await readInvoice(voided.invoiceId)).status).toBe('void');
    expect(voided.creditNoteNumber).toMatch(/^AV-/);
  });
});

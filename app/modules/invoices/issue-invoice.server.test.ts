import { eq, inArray } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { emails, events, invoices } from '#db/schema/index';
import { createBusiness, createCustomer, createDraftInvoice } from '../../../test/factories';
import { db } from '~/utils/db.server';
import { issueInvoice } from './issue-invoice.server';

const system = { type: 'system' } as const;

describe('issuing invoices', () => {
  test('twenty invoices issued at once get twenty consecutive numbers: no gap, no duplicate', async () => {
    const business = await createBusiness();
    const customer = await createCustomer(business.id);
    const drafts = await Promise.all(
      Array.from({ length: 20 }, () =>
        createDraftInvoice({ businessId: business.id, customerId: customer.id }),
      ),
    );
    const results = await Promise.all(
      drafts.map((d) =>
        issueInvoice(db(), {
          businessId: business.id,
          invoiceId: d.invoiceId,
          actor: system,
          issueDate: '2026-03-10',
        }),
      ),
    );
    expect(results.every((r) => r.status === 'issued')).toBe(true);
    const rows = await db()
      .select({ number: invoices.number, seq: invoices.numberSeq })
      .from(invoices)
      .where(
        inArray(
          invoices.id,
          drafts.map((d) => d.invoiceId),
        ),
      );
    const seqs = rows.map((r) => r.seq!).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.number)).size).toBe(20);
    expect(rows.map((r) => r.number).sort()[0]).toBe('2026-000001');
  });

  test('issuing twice, or twice at once, issues once and uses one number', async () => {
    const draft = await createDraftInvoice();
    const input = {
      businessId: draft.businessId,
      invoiceId: draft.invoiceId,
      actor: system,
      issueDate: '2026-05-04',
    };
    const [a, b] = await Promise.all([issueInvoice(db(), input), issueInvoice(db(), input)]);
    expect([a.status, b.status].sort()).toEqual(['issued', 'not_draft']);
    expect((await issueInvoice(db(), input)).status).toBe('not_draft');
    const issued = await db().select().from(events).where(eq(events.invoiceId, draft.invoiceId));
    expect(issued.filter((e) => e.type === 'invoice.issued')).toHaveLength(1);
    expect(await db().select().from(emails).where(eq(emails.invoiceId, draft.invoiceId))).toHaveLength(1);

    const next = await createDraftInvoice({ businessId: draft.businessId });
    const issuedNext = await issueInvoice(db(), { ...input, invoiceId: next.invoiceId });
    expect(issuedNext).toMatchObject({ status: 'issued', number: '2026-000002' });
  });

  test('another business cannot issue the invoice', async () => {
    const draft = await createDraftInvoice();
    const other = await createBusiness();
    const result = await issueInvoice(db(), {
      businessId: other.id,
      invoiceId: draft.invoiceId,
      actor: system,
    });
    expect(result.status).toBe('not_draft');
    const [row] = await db().select().from(invoices).where(eq(invoices.id, draft.invoiceId));
    expect(row?.status).toBe('draft');
  });

  test('freezes identities, keeps the terms, and mails billing with accounts payable copied', async () => {
    const business = await createBusiness();
    const customer = await createCustomer(business.id);
    const draft = await createDraftInvoice({
      businessId: business.id,
      customerId: customer.id,
      issueDate: '2026-01-01',
      termsDays: 45,
    });
    const result = await issueInvoice(db(), {
      businessId: business.id,
      invoiceId: draft.invoiceId,
      actor: system,
      issueDate: '2026-02-01',
    });
    expect(result.status).toBe('issued');
    const [row] = await db().select().from(invoices).where(eq(invoices.id, draft.invoiceId));
    expect(row).toMatchObject({ issueDate: '2026-02-01', dueDate: '2026-03-18', status: 'open' });
    expect(row?.seller?.siren).toBe(business.siren);
    expect(row?.buyer?.vatNumber).toBe(customer.vatNumber);
    const [email] = await db().select().from(emails).where(eq(emails.invoiceId, draft.invoiceId));
    const billing = customer.contacts.find((c) => c.roles.includes('billing'))!.email;
    const payable = customer.contacts.find((c) => c.roles.includes('accounts_payable'))!.email;
    expect(email).toMatchObject({
      to: [billing],
      cc: [payable],
      status: 'outbox',
      template: 'invoice-issued',
    });
    expect(result.status === 'issued' && email!.html.includes(result.url)).toBe(true);
    expect(email!.text).toContain(result.status === 'issued' ? result.url : 'unreachable');
  });
});

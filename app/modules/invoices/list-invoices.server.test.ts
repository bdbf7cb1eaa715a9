import { describe, expect, it } from 'vitest';
import { db } from '~/utils/db.server';
import {
  createBusiness,
  createCustomer,
  createDraftInvoice,
  createPaidInvoice,
  createVoidInvoice,
} from '../../../test/factories';
import { escapeLike, INVOICES_PER_PAGE, listInvoices, parseInvoiceListFilter } from './list-invoices.server';

const all = { status: null, q: '', page: 1 } as const;

describe('listInvoices', () => {
  it('pages 50 at a time, newest first, with the total count', async () => {
    const businessId = (await createBusiness()).id;
    const customerId = (await createCustomer(businessId)).id;
    const created: string[] = [];
    for (let i = 0; i < INVOICES_PER_PAGE + 3; i++) {
      created.push((await createDraftInvoice({ businessId, customerId })).invoiceId);
    }
    const first = await listInvoices(db(), businessId, all);
    expect(first.total).toBe(53);
    expect(first.pages).toBe(2);
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0]!.id).toBe(created.at(-1));
    const second = await listInvoices(db(), businessId, { ...all, page: 2 });
    expect(second.rows.map((r) => r.id)).toEqual(created.slice(0, 3).reverse());
    const past = await listInvoices(db(), businessId, { ...all, page: 9 });
    expect(past).toMatchObject({ rows: [], total: 53, pages: 2 });
  });

  it('derives each balance from payments and credit notes, and filters by status', async () => {
    const businessId = (await createBusiness()).id;
    const paid = await createPaidInvoice({ businessId });
    const voided = await createVoidInvoice({ businessId });
    const draft = await createDraftInvoice({ businessId });
    const { rows } = await listInvoices(db(), businessId, all);
    const balance = Object.fromEntries(rows.map((r) => [r.id, r.balanceMinor]));
    expect(balance).toEqual({ [paid.invoiceId]: 0, [voided.invoiceId]: 0, [draft.invoiceId]: 165_000 });
    expect((await listInvoices(db(), businessId, { ...all, status: 'void' })).rows.map((r) => r.id)).toEqual([
      voided.invoiceId,
    ]);
  });

  it('only ever shows the business’s own invoices', async () => {
    const mine = (await createBusiness()).id;
    await createDraftInvoice();
    expect((await listInvoices(db(), mine, all)).total).toBe(0);
  });
});

describe('list filter', () => {
  it('reads the query string leniently', () => {
    expect(parseInvoiceListFilter(new URLSearchParams('status=paid&q=%20abc%20&page=3'))).toEqual({
      status: 'paid',
      q: 'abc',
      page: 3,
    });
    expect(parseInvoiceListFilter(new URLSearchParams('status=deleted&page=1.5'))).toEqual({
      status: null,
      q: '',
      page: 1,
    });
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  });
});

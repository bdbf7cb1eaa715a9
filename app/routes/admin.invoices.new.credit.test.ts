import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, invoiceLines, invoices } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { addDaysIso, todayIn } from '~/utils/dates';
import { createBusiness, createCustomer, createUser } from '../../test/factories';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import type { HttpClient } from '../../test/setup/http';
import { csrfOf, loginAs } from '../../test/support/admin-client';

let app: RunningApp;
let client: HttpClient;
let csrf: string;
let businessId: string;
const today = todayIn('Europe/Paris');

beforeAll(async () => {
  app = await startApp();
  businessId = (await createBusiness()).id;
  client = await loginAs(app, await createUser(businessId));
  csrf = await csrfOf(client, '/admin/invoices/new');
});
afterAll(() => app.stop());

/** Posts the new-invoice form for a customer: 1 200,00 € of design and 500 flyers at 0,35 €, 20 % VAT, 30 days. */
async function create(customerId: string) {
  const response = await client.postForm('/admin/invoices/new?lang=en', [
    ['csrf', csrf],
    ['customerId', customerId],
    ['currency', 'EUR'],
    ['issueDate', today],
    ['dueDate', addDaysIso(today, 30)],
    ['lines[0].description', 'Conception graphique'],
    ['lines[0].quantity', '1'],
    ['lines[0].unitPrice', '1200'],
    ['lines[0].taxRate', '20'],
    ['lines[1].description', 'Impression flyers'],
    ['lines[1].quantity', '500'],
    ['lines[1].unitPrice', '0.35'],
    ['lines[1].taxRate', '20'],
  ]);
  expect(response.status, response.body).toBe(302);
  const rows = await db()
    .select()
    .from(invoices)
    .where(eq(invoices.customerId, customerId))
    .orderBy(asc(invoices.dueDate));
  const lines = rows.length
    ? await db()
        .select()
        .from(invoiceLines)
        .where(
          inArray(
            invoiceLines.invoiceId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(invoiceLines.position))
    : [];
  return {
    location: response.location,
    invoices: rows.map((r) => ({ ...r, lines: lines.filter((l) => l.invoiceId === r.id) })),
  };
}

describe('the credit policy, applied when an invoice is created', () => {
  it('standard terms: one invoice, due when the form says', async () => {
    const customer = await createCustomer(businessId, { creditPolicy: 'standard' });
    const { invoices: made } = await create(customer.id);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ dueDate: addDaysIso(today, 30), termsDays: 30, totalMinor: 165_000 });
  });

  it('prepay only: one invoice, due on its issue date whatever the form said', async () => {
    const customer = await createCustomer(businessId, { creditPolicy: 'prepay_only' });
    const { invoices: made } = await create(customer.id);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ issueDate: today, dueDate: today, termsDays: 0, totalMinor: 165_000 });
  });

  it('deposit required: a deposit invoice due at once and a balance invoice on terms, adding up to the order', async () => {
    const customer = await createCustomer(businessId, {
      creditPolicy: 'deposit_required',
      depositPercent: 30,
    });
    const { invoices: made, location } = await create(customer.id);
    expect(made).toHaveLength(2);
    const [deposit, balance] = made;
    // 30 % of 1 200,00 € and of 175,00 €, plus VAT: 495,00 €; the rest, 1 155,00 €.
    expect(deposit).toMatchObject({
      dueDate: today,
      termsDays: 0,
      subtotalMinor: 41_250,
      totalMinor: 49_500,
    });
    expect(balance).toMatchObject({
      dueDate: addDaysIso(today, 30),
      termsDays: 30,
      subtotalMinor: 96_250,
      totalMinor: 115_500,
    });
    expect(deposit!.totalMinor + balance!.totalMinor).toBe(165_000);
    expect(deposit!.lines.map((l) => l.description)).toEqual([
      'Acompte de 30 % : Conception graphique',
      'Acompte de 30 % : Impression flyers',
    ]);
    expect(balance!.notes).toContain('un acompte de 30 % est facturé séparément');
    // The page shown next is the deposit's: it is the one to issue first.
    expect(location).toBe(`/admin/invoices/${deposit!.id}?lang=en`);
    const created = await db().select().from(events).where(eq(events.customerId, customer.id));
    const balanceEvent = created.find((e) => e.invoiceId === balance!.id && e.type === 'invoice.created');
    expect(balanceEvent?.data).toMatchObject({
      creditPolicy: 'deposit_required',
      part: 'balance',
      depositInvoiceId: deposit!.id,
    });
  });
});

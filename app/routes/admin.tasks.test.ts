import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, disputeMessages, disputes, events, promises, tasks } from '#db/schema/index';
import { addDaysIso, todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { createBusiness, createOverdueInvoice, createPaidInvoice, createUser } from '../../test/factories';
import type { IssuedInvoice } from '../../test/factories';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import { createClient, type HttpClient } from '../../test/setup/http';
import { csrfOf, loginAs, textOf } from '../../test/support/admin-client';
import { fieldError } from '../../test/support/form-errors';

let app: RunningApp;
let client: HttpClient;
let csrf: string;
let businessId: string;
let userId: string;
const today = todayIn('Europe/Paris');

beforeAll(async () => {
  app = await startApp();
  businessId = (await createBusiness({ promiseMaxDays: 20 })).id;
  const user = await createUser(businessId, { name: 'Claire Relance' });
  userId = user.id;
  client = await loginAs(app, user);
  csrf = await csrfOf(client, '/admin/tasks');
});
afterAll(() => app.stop());

let seq = 0;
/** A call task as the sweep makes it: about an overdue invoice, due today. */
async function callTask(invoice: IssuedInvoice, overrides: Partial<typeof tasks.$inferInsert> = {}) {
  const [row] = await db()
    .insert(tasks)
    .values({
      businessId: invoice.businessId,
      invoiceId: invoice.invoiceId,
      customerId: invoice.customerId,
      kind: 'call',
      title: `Appeler le client : facture ${invoice.number}`,
      dueOn: today,
      dedupeKey: `test-call:${invoice.invoiceId}:${++seq}`,
      ...overrides,
    })
    .returning();
  return row!;
}
async function readTask(id: string) {
  const [row] = await db().select().from(tasks).where(eq(tasks.id, id));
  return row!;
}
async function rowsFor(invoiceId: string) {
  const [p, d, e] = await Promise.all([
    db().select().from(promises).where(eq(promises.invoiceId, invoiceId)),
    db().select().from(disputes).where(eq(disputes.invoiceId, invoiceId)),
    db().select().from(events).where(eq(events.invoiceId, invoiceId)),
  ]);
  return { promises: p, disputes: d, events: e.filter((x) => /^(task|promise|dispute)\./.test(x.type)) };
}
const outcome = (fields: Record<string, string>) => ({ csrf, intent: 'outcome', ...fields });

describe('tasks list', () => {
  it('needs a signed-in user', async () => {
    const response = await createClient(app.url).get('/admin/tasks');
    expect(response.status).toBe(302);
    expect(response.location).toMatch(/^\/admin\/login/);
  });

  it('lists open tasks by due date, filters by kind, links to the invoice, and hides done and foreign tasks', async () => {
    const a = await createOverdueInvoice(20, { businessId });
    const b = await createOverdueInvoice(65, { businessId });
    await callTask(a, { title: 'Appel B', dueOn: addDaysIso(today, 1) });
    await callTask(a, { title: 'Appel A', dueOn: addDaysIso(today, -2) });
    await callTask(a, { title: 'Appel fait', status: 'done' });
    await callTask(b, { kind: 'collections', title: 'Transmettre au recouvrement', dueOn: today });
    const foreign = await createOverdueInvoice(20);
    await callTask(foreign, { title: 'Appel ailleurs' });

    const page = await client.get('/admin/tasks?lang=en');
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('3 open tasks');
    expect(text.indexOf('Appel A')).toBeLessThan(text.indexOf('Transmettre au recouvrement'));
    expect(text.indexOf('Transmettre au recouvrement')).toBeLessThan(text.indexOf('Appel B'));
    expect(text).not.toContain('Appel fait');
    expect(text).not.toContain('Appel ailleurs');
    expect(page.body).toContain(`href="/admin/invoices/${a.invoiceId}?lang=en"`);
    expect(text).toContain('€1,650.00');

    const calls = await client.get('/admin/tasks?lang=en&kind=collections');
    expect(textOf(calls.body)).toContain('Transmettre au recouvrement');
    expect(textOf(calls.body)).not.toContain('Appel A');
    // An unknown kind is "all", not an error.
    expect((await client.get('/admin/tasks?kind=nonsense')).status).toBe(200);
  });
});

describe('a call task', () => {
  it('shows the invoice, the contacts to call (tel: links) and the call script', async () => {
    const invoice = await createOverdueInvoice(14, { businessId });
    await db()
      .update(contacts)
      .set({ phone: '+33 6 12 34 56 78' })
      .where(and(eq(contacts.customerId, invoice.customerId), eq(contacts.name, 'Julie Billing')));
    const task = await callTask(invoice);
    const page = await client.get(`/admin/tasks/${task.id}?lang=en`);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain(`Mention invoice ${invoice.number} for €1,650.00`);
    expect(text).toContain('Ask why it is still unpaid');
    expect(text).toContain('14 days');
    expect(page.body).toContain('href="tel:+33612345678"');
    expect(page.body).toContain('aria-label="Call Julie Billing on +33 6 12 34 56 78"');
    const fr = await client.get(`/admin/tasks/${task.id}`);
    expect(textOf(fr.body)).toContain('Demandez pourquoi elle n’est pas encore réglée');
  });

  it('404 for another business’s task or a made-up id', async () => {
    const theirs = await callTask(await createOverdueInvoice(20));
    expect((await client.get(`/admin/tasks/${theirs.id}`)).status).toBe(404);
    expect((await client.get('/admin/tasks/123')).status).toBe(404);
    const post = await client.postForm(`/admin/tasks/${theirs.id}?lang=en`, outcome({ reached: 'yes' }));
    expect(post.status).toBe(404);
    expect((await readTask(theirs.id)).status).toBe('open');
  });
});

describe('call outcome: bad input is a 400 beside the field, and nothing is written', () => {
  let invoice: IssuedInvoice;
  let taskId: string;
  beforeAll(async () => {
    invoice = await createOverdueInvoice(15, { businessId });
    taskId = (await callTask(invoice)).id;
  });
  const cases: [string, Record<string, string>, string, RegExp, boolean?][] = [
    ['no answer to “reached?”', {}, 'reached', /Say whether you reached someone/, true],
    ['a nonsense “reached”', { reached: 'maybe' }, 'reached', /Say whether you reached someone/, true],
    [
      'a promised date in the past',
      { reached: 'yes', promisedDate: addDaysIso(today, -1) },
      'promisedDate',
      /cannot be in the past/,
    ],
    [
      'a promised date past the limit',
      { reached: 'yes', promisedDate: addDaysIso(today, 21) },
      'promisedDate',
      /At most 20 days from now/,
    ],
    [
      'a promised date that is not a date',
      { reached: 'yes', promisedDate: '2026-02-30' },
      'promisedDate',
      /Enter a valid date/,
    ],
    [
      'a promise when nobody answered',
      { reached: 'no', promisedDate: today },
      'promisedDate',
      /Nobody answered/,
    ],
    [
      'a dispute when nobody answered',
      { reached: 'no', disputeReason: 'wrong_amount' },
      'disputeReason',
      /Nobody answered/,
    ],
    [
      'an unknown dispute reason',
      { reached: 'yes', disputeReason: 'boredom' },
      'disputeReason',
      /Choose a reason/,
    ],
    ['an unknown delay reason', { reached: 'yes', promiseReason: 'x' }, 'promiseReason', /Choose a reason/],
    [
      '2,001 characters of notes',
      { reached: 'yes', notes: 'x'.repeat(2001) },
      'notes',
      /At most 2000 characters/,
    ],
  ];
  it.each(cases)('%s', async (_label, fields, field, message, group) => {
    const response = await client.postForm(`/admin/tasks/${taskId}?lang=en`, outcome(fields));
    expect(response.status).toBe(400);
    expect(fieldError(response.body, field, { group })).toMatch(message);
    expect(await readTask(taskId)).toMatchObject({ status: 'open', dueOn: today, outcome: null });
    expect(await rowsFor(invoice.invoiceId)).toEqual({ promises: [], disputes: [], events: [] });
  });

  it('in French by default', async () => {
    const response = await client.postForm(
      `/admin/tasks/${taskId}`,
      outcome({ reached: 'yes', promisedDate: addDaysIso(today, -3) }),
    );
    expect(response.status).toBe(400);
    expect(fieldError(response.body, 'promisedDate')).toBe('La date promise ne peut pas être déjà passée.');
  });

  it('refuses a POST without the CSRF token', async () => {
    const response = await client.postForm(`/admin/tasks/${taskId}`, { intent: 'outcome', reached: 'yes' });
    expect(response.status).toBe(403);
    expect((await readTask(taskId)).status).toBe('open');
  });
});

describe('call outcome: what each answer writes', () => {
  it('a promised date closes the task and records an active staff promise (which pauses the ladder), once', async () => {
    const invoice = await createOverdueInvoice(16, { businessId });
    const task = await callTask(invoice);
    const promisedDate = addDaysIso(today, 20);
    const form = outcome({
      reached: 'yes',
      promisedDate,
      promiseReason: 'awaiting_approval',
      notes: 'Mme Petit attend la signature du gérant.',
      expectedDueOn: task.dueOn,
    });
    const response = await client.postForm(`/admin/tasks/${task.id}?lang=en`, form);
    expect(response.status).toBe(200);
    expect(textOf(response.body)).toContain('Call logged: payment promised for');
    expect(await readTask(task.id)).toMatchObject({
      status: 'done',
      outcome: 'promised',
      doneBy: userId,
      notes: 'Mme Petit attend la signature du gérant.',
    });
    const rows = await rowsFor(invoice.invoiceId);
    expect(rows.promises).toHaveLength(1);
    expect(rows.promises[0]).toMatchObject({
      status: 'active',
      source: 'staff',
      recordedBy: userId,
      promisedDate,
      reason: 'awaiting_approval',
      note: 'Mme Petit attend la signature du gérant.',
    });
    expect(rows.events.map((e) => e.type).sort()).toEqual(['promise.recorded', 'task.done']);
    expect(
      rows.events.every(
        (e) => e.actorType === 'user' && e.actorId === userId && e.customerId === invoice.customerId,
      ),
    ).toBe(true);

    // A double submit changes nothing twice.
    const twice = await client.postForm(`/admin/tasks/${task.id}?lang=en`, form);
    expect(twice.status).toBe(409);
    expect(textOf(twice.body)).toContain('This task is already done: nothing changed.');
    expect(await rowsFor(invoice.invoiceId)).toEqual(rows);

    // The page now says the outcome, and the invoice's timeline shows the promise.
    const page = await client.get(`/admin/tasks/${task.id}?lang=en`);
    expect(textOf(page.body)).toContain('Payment promised');
    expect(textOf(page.body)).toContain('reminders are paused until then');
    const timeline = await client.get(`/admin/invoices/${invoice.invoiceId}?lang=en`);
    expect(textOf(timeline.body)).toContain('Payment date promised');
  });

  it('refuses a second promise on an invoice that already has one, writing nothing', async () => {
    const invoice = await createOverdueInvoice(17, { businessId });
    await db()
      .insert(promises)
      .values({ invoiceId: invoice.invoiceId, promisedDate: addDaysIso(today, 3), source: 'debtor' });
    const task = await callTask(invoice);
    const response = await client.postForm(
      `/admin/tasks/${task.id}?lang=en`,
      outcome({ reached: 'yes', promisedDate: addDaysIso(today, 5) }),
    );
    expect(response.status).toBe(400);
    expect(fieldError(response.body, 'promisedDate')).toBe(
      'A payment promise is already active on this invoice: nothing was recorded.',
    );
    expect((await readTask(task.id)).status).toBe('open');
    const rows = await rowsFor(invoice.invoiceId);
    expect(rows.promises.map((p) => p.source)).toEqual(['debtor']);
    expect(rows.events).toEqual([]);
  });

  it('a dispute opens on the whole balance, with the notes as its first message', async () => {
    const invoice = await createOverdueInvoice(18, { businessId });
    const task = await callTask(invoice);
    const response = await client.postForm(
      `/admin/tasks/${task.id}?lang=en`,
      outcome({ reached: 'yes', disputeReason: 'not_as_described', notes: 'Deux chaises abîmées.' }),
    );
    expect(response.status).toBe(200);
    expect(textOf(response.body)).toContain('Call logged: dispute opened on the invoice.');
    const rows = await rowsFor(invoice.invoiceId);
    expect(rows.disputes).toHaveLength(1);
    expect(rows.disputes[0]).toMatchObject({
      reason: 'not_as_described',
      status: 'waiting_for_us',
      amountMinor: 165_000,
      scope: 'invoice',
    });
    const messages = await db()
      .select()
      .from(disputeMessages)
      .where(eq(disputeMessages.disputeId, rows.disputes[0]!.id));
    expect(messages).toMatchObject([{ author: 'business', userId, body: 'Deux chaises abîmées.' }]);
    expect(rows.events.map((e) => e.type).sort()).toEqual(['dispute.opened', 'task.done']);
    expect(await readTask(task.id)).toMatchObject({ status: 'done', outcome: 'disputed' });
  });

  it('reached with nothing else: done, outcome "reached"', async () => {
    const invoice = await createOverdueInvoice(19, { businessId });
    const task = await callTask(invoice);
    const response = await client.postForm(
      `/admin/tasks/${task.id}?lang=en`,
      outcome({ reached: 'yes', notes: 'Paie demain.' }),
    );
    expect(response.status).toBe(200);
    expect(await readTask(task.id)).toMatchObject({
      status: 'done',
      outcome: 'reached',
      notes: 'Paie demain.',
    });
    expect((await rowsFor(invoice.invoiceId)).promises).toEqual([]);
  });

  it('not reached: the call moves 2 business days on and stays open; the same form again moves it once', async () => {
    const invoice = await createOverdueInvoice(20, { businessId });
    const task = await callTask(invoice);
    const form = outcome({ reached: 'no', notes: 'Messagerie.', expectedDueOn: task.dueOn });
    const response = await client.postForm(`/admin/tasks/${task.id}?lang=en`, form);
    expect(response.status).toBe(200);
    expect(textOf(response.body)).toContain('No answer: call rescheduled for');
    const moved = await readTask(task.id);
    const day = new Date(`${today}T12:00:00Z`).getUTCDay();
    // Two business days: Thursday → Monday, Friday → Tuesday, Saturday/Sunday → Tuesday, else +2.
    const expected = addDaysIso(today, { 0: 2, 1: 2, 2: 2, 3: 2, 4: 4, 5: 4, 6: 3 }[day]!);
    expect(moved).toMatchObject({
      status: 'open',
      dueOn: expected,
      outcome: null,
      notes: `${today} — Messagerie.`,
    });
    const [event] = (await rowsFor(invoice.invoiceId)).events;
    expect(event).toMatchObject({
      type: 'task.rescheduled',
      data: { from: today, to: expected, reached: false },
    });

    const again = await client.postForm(`/admin/tasks/${task.id}?lang=en`, form);
    expect(again.status).toBe(409);
    expect((await readTask(task.id)).dueOn).toBe(expected);
    expect((await rowsFor(invoice.invoiceId)).events).toHaveLength(1);
  });

  it('no promise on an invoice paid since the task was made', async () => {
    const paid = await createPaidInvoice({ businessId });
    const task = await callTask(paid);
    const response = await client.postForm(
      `/admin/tasks/${task.id}?lang=en`,
      outcome({ reached: 'yes', promisedDate: today }),
    );
    expect(response.status).toBe(400);
    expect(textOf(response.body)).toContain('The invoice is no longer payable');
    expect((await readTask(task.id)).status).toBe('open');
  });
});

describe('other tasks', () => {
  it('a collections task is marked done once, with its note', async () => {
    const invoice = await createOverdueInvoice(61, { businessId });
    const task = await callTask(invoice, { kind: 'collections', title: 'Transmettre au recouvrement' });
    const page = await client.get(`/admin/tasks/${task.id}?lang=en`);
    expect(textOf(page.body)).toContain('Mark as done');
    expect(textOf(page.body)).not.toContain('Call script');
    const wrong = await client.postForm(`/admin/tasks/${task.id}?lang=en`, outcome({ reached: 'yes' }));
    expect(wrong.status).toBe(400);
    expect(textOf(wrong.body)).toContain('This task is not a call.');
    const form = { csrf, intent: 'complete', notes: 'Dossier envoyé à l’agence.' };
    expect((await client.postForm(`/admin/tasks/${task.id}?lang=en`, form)).status).toBe(200);
    expect(await readTask(task.id)).toMatchObject({
      status: 'done',
      outcome: 'done',
      notes: 'Dossier envoyé à l’agence.',
      doneBy: userId,
    });
    expect((await client.postForm(`/admin/tasks/${task.id}?lang=en`, form)).status).toBe(409);
    const [done] = await db()
      .select({ n: count() })
      .from(events)
      .where(and(eq(events.invoiceId, invoice.invoiceId), eq(events.type, 'task.done')));
    expect(done!.n).toBe(1);
  });
});

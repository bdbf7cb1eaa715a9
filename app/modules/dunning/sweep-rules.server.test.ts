import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { dunningPolicies, dunningSteps, emails, invoices, paymentPlans, promises } from '#db/schema/index';
import {
  addProcessingDebit,
  at,
  breakPromise,
  createBusiness,
  createCustomer,
  createDunningPolicy,
  createInvoiceDueOn,
  dispute,
  payInFull,
  promise,
  putOnPlan,
  voidIt,
} from '../../../test/factories';
import {
  reminderEmails,
  reminderEvents,
  remindersOf,
  sentOffsets,
  sweepAndSend,
  sweepDaily,
  tasksOf,
} from '../../../test/support/dunning';
import { db } from '~/utils/db.server';
import { addDaysIso } from '~/utils/dates';
import { sendReminder } from './send-reminder.server';
import { runDunningSweep } from './sweep.server';

// Tuesday 16 June 2026, a business day in France.
const T = '2026-06-16';
const NOW = at(T, 10);

async function defaultPolicyOf(businessId: string) {
  const [policy] = await db()
    .select({ id: dunningPolicies.id })
    .from(dunningPolicies)
    .where(and(eq(dunningPolicies.businessId, businessId), eq(dunningPolicies.isDefault, true)));
  return policy?.id;
}

describe('skip rules', () => {
  test('the sweep claims nothing for paid, void, uncollectible, promised, planned, debiting or fully disputed invoices', async () => {
    const { id: businessId } = await createBusiness();
    const due = addDaysIso(T, -1); // step +1 falls due today
    const make = () => createInvoiceDueOn(due, { businessId });
    const control = await make();
    const paid = await make();
    await payInFull(paid, due);
    const voided = await make();
    await voidIt(voided);
    const uncollectible = await make();
    await db()
      .update(invoices)
      .set({ status: 'uncollectible' })
      .where(eq(invoices.id, uncollectible.invoiceId));
    const promised = await make();
    await promise(promised.invoiceId, addDaysIso(T, 5));
    const pastPromise = await make();
    await promise(pastPromise.invoiceId, addDaysIso(T, -1)); // its date passed: reminders resume
    const pendingPlan = await make();
    await putOnPlan(pendingPlan, 'pending');
    const activePlan = await make();
    await putOnPlan(activePlan, 'active');
    const debiting = await make();
    await addProcessingDebit(debiting);
    const disputed = await make();
    await dispute(disputed);
    const partlyDisputed = await make();
    await dispute(partlyDisputed, 10_000); // 100 € of 1 650 €: the rest is still owed
    const resolvedDispute = await make();
    await dispute(resolvedDispute);
    await db().execute(
      sql`UPDATE disputes SET status = 'rejected' WHERE invoice_id = ${resolvedDispute.invoiceId}`,
    );

    await sweepAndSend(NOW);
    const sent = async (invoice: { invoiceId: string }) => sentOffsets(invoice.invoiceId);
    for (const reminded of [control, pastPromise, partlyDisputed, resolvedDispute]) {
      expect(await sent(reminded)).toEqual([1]);
    }
    for (const skipped of [
      paid,
      voided,
      uncollectible,
      promised,
      pendingPlan,
      activePlan,
      debiting,
      disputed,
    ]) {
      expect(await remindersOf(skipped.invoiceId)).toEqual([]);
    }
  });

  test('rechecked at sending time: a step claimed, then overtaken by events, is skipped with the reason', async () => {
    const { id: businessId } = await createBusiness();
    const due = addDaysIso(T, -1);
    const cases = {
      paid: (i: Awaited<ReturnType<typeof createInvoiceDueOn>>) => payInFull(i, T),
      void: voidIt,
      promised: (i: Awaited<ReturnType<typeof createInvoiceDueOn>>) => promise(i.invoiceId, addDaysIso(T, 7)),
      on_plan: putOnPlan,
      debit_processing: addProcessingDebit,
      disputed: dispute,
    } as const;
    const invoices = await Promise.all(
      Object.keys(cases).map(async (reason) => ({
        reason,
        invoice: await createInvoiceDueOn(due, { businessId }),
      })),
    );
    await runDunningSweep({ now: NOW });
    for (const { reason, invoice } of invoices) {
      await cases[reason as keyof typeof cases](invoice);
      const [claim] = await remindersOf(invoice.invoiceId);
      expect(claim!.status).toBe('claimed');
      expect(await sendReminder(db(), { reminderId: claim!.id, now: NOW })).toEqual({
        status: 'skipped',
        reason,
      });
      expect(await remindersOf(invoice.invoiceId)).toEqual([
        expect.objectContaining({ status: 'skipped', skipReason: reason, emailId: null }),
      ]);
      expect(await reminderEmails(invoice.invoiceId)).toEqual([]);
      expect(await reminderEvents(invoice.invoiceId)).toEqual([
        {
          type: 'reminder.skipped',
          data: expect.objectContaining({ reason, offsetDays: 1, channel: 'email' }),
        },
      ]);
    }
  });
});

describe('the sending window', () => {
  test('not before the start hour, not from the end hour, not on a Saturday', async () => {
    const invoice = await createInvoiceDueOn(addDaysIso(T, -1));
    for (const instant of [at(T, 8, 59), at(T, 18, 0), at(T, 23, 30)]) {
      await sweepAndSend(instant);
      expect(await remindersOf(invoice.invoiceId)).toEqual([]);
    }
    await sweepAndSend(at(T, 9, 0));
    expect(await sentOffsets(invoice.invoiceId)).toEqual([1]);

    const saturdayStep = await createInvoiceDueOn('2026-06-19'); // +1 falls on Saturday 20 June
    await sweepAndSend(at('2026-06-20', 11));
    await sweepAndSend(at('2026-06-21', 11));
    expect(await remindersOf(saturdayStep.invoiceId)).toEqual([]);
    await sweepAndSend(at('2026-06-22', 9, 15)); // Monday, two days after: within the grace
    expect(await remindersOf(saturdayStep.invoiceId)).toEqual([
      expect.objectContaining({ offset: 1, status: 'sent', scheduledOn: '2026-06-20' }),
    ]);
  });

  test('not on a French public holiday (Whit Monday); the next business day it goes out', async () => {
    const invoice = await createInvoiceDueOn('2026-05-24'); // +1 falls on Whit Monday, 25 May 2026
    await sweepAndSend(at('2026-05-25', 10));
    expect(await remindersOf(invoice.invoiceId)).toEqual([]);
    await sweepAndSend(at('2026-05-26', 10));
    expect(await sentOffsets(invoice.invoiceId)).toEqual([1]);
  });

  test('each business in its own time zone: the same instant is day in New York and night in Paris', async () => {
    const { id: parisId } = await createBusiness();
    const { id: newYorkId } = await createBusiness({ timeZone: 'America/New_York', country: 'US' });
    const paris = await createInvoiceDueOn(addDaysIso(T, -1), { businessId: parisId });
    const newYork = await createInvoiceDueOn(addDaysIso(T, -1), { businessId: newYorkId });

    await sweepAndSend(new Date(`${T}T07:30:00Z`)); // 09:30 in Paris, 03:30 in New York
    expect(await sentOffsets(paris.invoiceId)).toEqual([1]);
    expect(await remindersOf(newYork.invoiceId)).toEqual([]);

    await sweepAndSend(new Date(`${T}T21:00:00Z`)); // 23:00 in Paris, 17:00 in New York
    expect(await remindersOf(newYork.invoiceId)).toEqual([
      expect.objectContaining({ offset: 1, status: 'sent', scheduledOn: T }),
    ]);
  });

  test('a business’s own window hours apply', async () => {
    const { id: businessId } = await createBusiness({
      reminderWindowStartHour: 14,
      reminderWindowEndHour: 16,
    });
    const invoice = await createInvoiceDueOn(addDaysIso(T, -1), { businessId });
    await sweepAndSend(at(T, 10));
    await sweepAndSend(at(T, 16, 5));
    expect(await remindersOf(invoice.invoiceId)).toEqual([]);
    await sweepAndSend(at(T, 15, 45));
    expect(await sentOffsets(invoice.invoiceId)).toEqual([1]);
  });
});

describe('grace and pauses: never late by more than the grace, never a burst', () => {
  test('a step is sent up to its grace (3 days) late, and not a day later', async () => {
    const { id: businessId } = await createBusiness();
    const threeLate = await createInvoiceDueOn(addDaysIso(T, -4), { businessId }); // +1 was 3 days ago
    const fourLate = await createInvoiceDueOn(addDaysIso(T, -5), { businessId }); // +1 was 4 days ago
    await sweepAndSend(NOW);
    expect(await sentOffsets(threeLate.invoiceId)).toEqual([1]);
    expect(await remindersOf(fourLate.invoiceId)).toEqual([]);

    const { id: strictId } = await createBusiness({ reminderGraceDays: 0 });
    const yesterday = await createInvoiceDueOn(addDaysIso(T, -2), { businessId: strictId });
    await sweepAndSend(NOW);
    expect(await remindersOf(yesterday.invoiceId)).toEqual([]);
  });

  test('after a week without sweeps, only the step due now goes out, not the ones missed', async () => {
    const invoice = await createInvoiceDueOn(addDaysIso(T, -8)); // -3, +1 and +7 have all passed
    await sweepAndSend(NOW);
    expect(await remindersOf(invoice.invoiceId)).toEqual([
      expect.objectContaining({ offset: 7, status: 'sent' }),
    ]);
    expect(await reminderEmails(invoice.invoiceId)).toHaveLength(1);
  });

  test('a promise that covered +7 and +14 then broke: the ladder resumes at +30, with no burst', async () => {
    const due = '2026-03-02'; // Monday: -3 on Friday 27 Feb, +1 on 3 Mar, +7 on 9 Mar, +14 on 16 Mar, +30 on 1 Apr
    const invoice = await createInvoiceDueOn(due);
    await sweepDaily(addDaysIso(due, -5), addDaysIso(due, 2));
    expect(await sentOffsets(invoice.invoiceId)).toEqual([-3, 1]);

    const promiseId = await promise(invoice.invoiceId, addDaysIso(due, 20));
    await sweepDaily(addDaysIso(due, 3), addDaysIso(due, 20));
    expect(await sentOffsets(invoice.invoiceId)).toEqual([-3, 1]);

    await breakPromise(promiseId);
    await sweepDaily(addDaysIso(due, 21), addDaysIso(due, 29));
    expect(await sentOffsets(invoice.invoiceId)).toEqual([-3, 1]);
    await sweepDaily(addDaysIso(due, 30), addDaysIso(due, 35));
    expect(await remindersOf(invoice.invoiceId)).toEqual([
      expect.objectContaining({ offset: -3, status: 'sent' }),
      expect.objectContaining({ offset: 1, status: 'sent' }),
      expect.objectContaining({ offset: 30, status: 'sent', scheduledOn: '2026-04-01' }),
    ]);
    expect(await reminderEmails(invoice.invoiceId)).toHaveLength(3);
    const [promiseRow] = await db().select().from(promises).where(eq(promises.id, promiseId));
    expect(promiseRow!.status).toBe('broken');
  });

  test('a plan that ends resumes the ladder from the step due then', async () => {
    const due = '2026-03-02';
    const invoice = await createInvoiceDueOn(due);
    await putOnPlan(invoice, 'active');
    await sweepDaily(addDaysIso(due, -5), addDaysIso(due, 44));
    expect(await remindersOf(invoice.invoiceId)).toEqual([]);
    await db()
      .update(paymentPlans)
      .set({ status: 'defaulted' })
      .where(eq(paymentPlans.invoiceId, invoice.invoiceId));
    await sweepDaily(addDaysIso(due, 45), addDaysIso(due, 50));
    expect(await sentOffsets(invoice.invoiceId)).toEqual([45]); // the formal notice, on 16 April
  });
});

describe('policies and channels', () => {
  test('a customer’s own policy overrides the default; an invoice’s own policy overrides both', async () => {
    const { id: businessId } = await createBusiness();
    const chronic = await createCustomer(businessId);
    const regular = await createCustomer(businessId);
    const { policyId, stepIds } = await createDunningPolicy(businessId);
    await db().execute(sql`UPDATE customers SET dunning_policy_id = ${policyId} WHERE id = ${chronic.id}`);
    const due = addDaysIso(T, -4);
    const chronicInvoice = await createInvoiceDueOn(due, { businessId, customerId: chronic.id });
    const regularInvoice = await createInvoiceDueOn(due, { businessId, customerId: regular.id });
    const pinned = await createInvoiceDueOn(due, { businessId, customerId: regular.id });
    await db().update(invoices).set({ dunningPolicyId: policyId }).where(eq(invoices.id, pinned.invoiceId));

    await sweepAndSend(NOW);
    const defaultPolicy = await defaultPolicyOf(businessId);
    expect(await remindersOf(chronicInvoice.invoiceId)).toEqual([
      expect.objectContaining({ offset: 4, policyId, stepId: stepIds.get(4), status: 'sent' }),
    ]);
    expect(await remindersOf(pinned.invoiceId)).toEqual([expect.objectContaining({ offset: 4, policyId })]);
    expect(await remindersOf(regularInvoice.invoiceId)).toEqual([
      expect.objectContaining({ offset: 1, policyId: defaultPolicy, status: 'sent' }),
    ]);
  });

  test('call and collections steps create a task due today; a letter step queues the formal notice email', async () => {
    const { id: businessId } = await createBusiness();
    const customer = await createCustomer(businessId, { name: 'Brasserie du Quai' });
    const { policyId } = await createDunningPolicy(businessId);
    await db().execute(sql`UPDATE customers SET dunning_policy_id = ${policyId} WHERE id = ${customer.id}`);
    const invoice = (late: number) =>
      createInvoiceDueOn(addDaysIso(T, -late), { businessId, customerId: customer.id });
    const [call, letter, collections] = await Promise.all([invoice(8), invoice(30), invoice(45)]);
    await sweepAndSend(NOW);

    const [callTask] = await tasksOf(call!.invoiceId);
    expect(callTask).toMatchObject({
      kind: 'call',
      dueOn: T,
      status: 'open',
      customerId: customer.id,
      title: `Appeler Brasserie du Quai : facture ${call!.number}, 8 jours de retard`,
      dedupeKey: expect.stringMatching(/^dunning:/),
    });
    expect(await remindersOf(call!.invoiceId)).toEqual([
      expect.objectContaining({ offset: 8, status: 'sent', taskId: callTask!.id, emailId: null }),
    ]);
    expect(await reminderEmails(call!.invoiceId)).toEqual([]);
    expect((await reminderEvents(call!.invoiceId))[0]!.data).toMatchObject({
      channel: 'call_task',
      taskId: callTask!.id,
    });

    const [notice] = await reminderEmails(letter!.invoiceId);
    expect(notice!.subject).toContain(letter!.number);
    expect(await remindersOf(letter!.invoiceId)).toEqual([
      expect.objectContaining({ offset: 30, status: 'sent', emailId: notice!.id }),
    ]);
    expect((await reminderEvents(letter!.invoiceId))[0]!.data).toMatchObject({
      channel: 'letter',
      emailId: notice!.id,
    });

    expect(await tasksOf(collections!.invoiceId)).toEqual([
      expect.objectContaining({
        kind: 'collections',
        dueOn: T,
        title: expect.stringContaining(collections!.number),
      }),
    ]);
  });

  test('archived steps are not sent; a step that replaces one is', async () => {
    const { id: businessId } = await createBusiness();
    const invoice = await createInvoiceDueOn(addDaysIso(T, -7), { businessId });
    await runDunningSweep({ now: at(addDaysIso(T, -1), 10) }); // creates the default policy
    const policyId = (await defaultPolicyOf(businessId))!;
    const [old] = await db()
      .update(dunningSteps)
      .set({ archivedAt: new Date() })
      .where(and(eq(dunningSteps.policyId, policyId), eq(dunningSteps.offsetDays, 7)))
      .returning();
    await sweepAndSend(NOW); // +7 archived, +1 six days ago: past its grace
    expect(await remindersOf(invoice.invoiceId)).toEqual([]);

    const { id: _id, createdAt: _c, archivedAt: _a, ...copy } = old!;
    const [replacement] = await db()
      .insert(dunningSteps)
      .values({ ...copy, subjectFr: 'Nouvelle relance {{invoice_number}}' })
      .returning();
    await sweepAndSend(at(T, 11));
    expect(await remindersOf(invoice.invoiceId)).toEqual([
      expect.objectContaining({ stepId: replacement!.id, offset: 7, status: 'sent' }),
    ]);
    const [mail] = await db()
      .select()
      .from(emails)
      .where(eq(emails.id, (await remindersOf(invoice.invoiceId))[0]!.emailId!));
    expect(mail!.subject).toBe(`Nouvelle relance ${invoice.number}`);
  });

  test('a business without a policy gets the default ladder on its first sweep', async () => {
    const { id: businessId } = await createBusiness();
    const invoice = await createInvoiceDueOn(addDaysIso(T, -1), { businessId });
    expect(await defaultPolicyOf(businessId)).toBeUndefined();
    await sweepAndSend(NOW);
    const policyId = await defaultPolicyOf(businessId);
    const steps = await db().select().from(dunningSteps).where(eq(dunningSteps.policyId, policyId!));
    expect(steps.map((s) => s.offsetDays).sort((a, b) => a - b)).toEqual([-3, 1, 7, 14, 30, 45, 60]);
    expect(await sentOffsets(invoice.invoiceId)).toEqual([1]);
  });
});

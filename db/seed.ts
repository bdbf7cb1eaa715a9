/**
 * Demo data. `seedDemo` is idempotent (it does nothing once a business exists). Run as a script
 * (`npm run db:seed`), it seeds if needed and prints how to get in: the admin login and fresh debtor links.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hash } from '@node-rs/argon2';
import { and, eq, sql } from 'drizzle-orm';
import {
  business,
  contacts,
  customers,
  dunningPolicies,
  dunningSteps,
  invoiceLines,
  invoices,
  users,
} from '#db/schema/index';
import { localInstant } from '~/modules/dunning/business-calendar';
import { ensureDefaultPolicy } from '~/modules/dunning/ensure-default-policy.server';
import { sendReminder } from '~/modules/dunning/send-reminder.server';
import { runDunningSweep } from '~/modules/dunning/sweep.server';
import { createDraftInvoice } from '~/modules/invoices/create-draft-invoice.server';
import { issueInvoice } from '~/modules/invoices/issue-invoice.server';
import { voidInvoice } from '~/modules/invoices/void-invoice.server';
import { mintInvoiceLink } from '~/modules/links/mint-link.server';
import { mintStatementLink } from '~/modules/statements/statement-links.server';
import { recordOfflinePayment } from '~/modules/payments/record-offline-payment.server';
import { sha256Hex } from '~/modules/acceptance/evidence.server';
import { buildLetter } from '~/modules/acceptance/letter.server';
import { signAcceptance } from '~/modules/acceptance/sign-acceptance.server';
import { openDispute } from '~/modules/disputes/open-dispute.server';
import { postDisputeMessage } from '~/modules/disputes/post-dispute-message.server';
import { acceptDispute } from '~/modules/disputes/resolve-dispute.server';
import { closeDb, db as appDb, type Db } from '~/utils/db.server';
import { addDaysIso, todayIn } from '~/utils/dates';
import { env } from '~/utils/env.server';
import { seedArrangements } from './seed-arrangements';
import { demoAdmin, demoBusiness, demoCustomers, demoInvoices } from './seed-data';
import {
  chronicLatePayerPolicy,
  seedCollectionsCase,
  demoDisputes,
  reminderHistoryDays,
} from './seed-follow-up';

const system = { type: 'system' } as const;

export async function seedDemo(db: Db, now = new Date()): Promise<{ seeded: boolean }> {
  const [existing] = await db.select({ id: business.id }).from(business).limit(1);
  if (existing) return { seeded: false };
  await db.execute(sql`SELECT pg_advisory_lock(727275)`);
  try {
    const [again] = await db.select({ id: business.id }).from(business).limit(1);
    if (again) return { seeded: false };
    await seedWorld(db, now);
    return { seeded: true };
  } finally {
    await db.execute(sql`SELECT pg_advisory_unlock(727275)`);
  }
}

async function seedWorld(db: Db, now: Date) {
  const [biz] = await db.insert(business).values(demoBusiness).returning();
  const businessId = biz!.id;
  await db.insert(users).values({
    businessId,
    email: demoAdmin.email,
    name: demoAdmin.name,
    role: 'owner',
    passwordHash: await hash(demoAdmin.password, { algorithm: 2 }),
  });
  const customerIds = new Map<string, string>();
  for (const c of demoCustomers) {
    const [row] = await db
      .insert(customers)
      .values({
        businessId,
        name: c.name,
        siren: c.siren ?? null,
        vatNumber: c.vatNumber,
        country: c.country ?? 'FR',
        addressLine1: c.address[0],
        postalCode: c.address[1],
        city: c.address[2],
        locale: c.locale,
      })
      .returning({ id: customers.id });
    customerIds.set(c.key, row!.id);
    await db.insert(contacts).values(c.contacts.map((contact) => ({ ...contact, customerId: row!.id })));
  }

  const today = todayIn(biz!.timeZone, now);
  // Oldest first, so invoice numbers follow issue dates as they would in real life.
  const ordered = [...demoInvoices].sort((a, b) => a.dueIn - (a.terms ?? 30) - (b.dueIn - (b.terms ?? 30)));
  for (const demo of ordered) {
    const terms = demo.terms ?? 30;
    const dueDate = addDaysIso(today, demo.dueIn);
    const issueDate = addDaysIso(dueDate, -terms);
    const created = await createDraftInvoice(db, {
      businessId,
      actor: system,
      invoice: {
        customerId: customerIds.get(demo.customer)!,
        currency: 'EUR',
        issueDate,
        dueDate,
        purchaseOrder: demo.po ?? null,
        lines: demo.lines,
        acceptanceRequired: Boolean(demo.acceptance),
        vatExemption: demo.vatExemption ?? null,
      },
    });
    if (!created.ok) throw new Error(`seed: ${created.error}`);
    if (demo.state === 'draft') continue;
    await issueInvoice(db, { businessId, invoiceId: created.invoiceId, actor: system, issueDate, now });
    const [inv] = await db.select().from(invoices).where(eq(invoices.id, created.invoiceId));
    if (demo.state === 'paid' || demo.state === 'partly_paid') {
      const amount = demo.state === 'paid' ? inv!.totalMinor : Math.round(inv!.totalMinor * 0.4);
      await recordOfflinePayment(db, {
        businessId,
        invoiceId: inv!.id,
        amountMinor: amount,
        method: 'bank_transfer',
        receivedOn: demo.state === 'paid' ? addDaysIso(dueDate, -2) : addDaysIso(today, -3),
        reference: `VIR ${inv!.number}`,
        actor: system,
      });
    }
    if (demo.state === 'void') {
      await voidInvoice(db, {
        businessId,
        invoiceId: inv!.id,
        reason: 'Facture émise par erreur',
        actor: system,
        now,
      });
    }
  }
  await seedDunning(db, businessId, customerIds, today, now);
  await seedCases(db, businessId, now);
  await seedArrangements(db, businessId, today);
  await seedCollectionsCase(db, businessId, today);
}

/** Issue 5's demo: letters signed on delivery, a dispute in progress on one line, one accepted with a credit note. */
async function seedCases(db: Db, businessId: string, now: Date) {
  const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.businessId, businessId));
  const staff = { type: 'user' as const, id: owner!.id };
  const debtor = { type: 'debtor' as const, ip: '198.51.100.23', userAgent: 'Mozilla/5.0 (iPhone; demo)' };
  for (const demo of demoInvoices.filter((d) => d.acceptance || d.dispute)) {
    const [inv] = await db
      .select({ id: invoices.id })
      .from(invoices)
      .innerJoin(invoiceLines, and(eq(invoiceLines.invoiceId, invoices.id), eq(invoiceLines.position, 1)))
      .where(
        and(eq(invoices.businessId, businessId), eq(invoiceLines.description, demo.lines[0]!.description)),
      );
    const invoiceId = inv!.id;
    if (demo.acceptance) {
      const letter = await buildLetter(db, invoiceId, 'fr');
      await signAcceptance(db, {
        invoiceId,
        locale: 'fr',
        signerName: demo.customer === 'hotel' ? 'Sophie Marchand' : 'Maître Laurent Girard',
        signerRole: demo.customer === 'hotel' ? 'Directrice' : 'Associé gérant',
        signatureSvg: null,
        letterSha256: sha256Hex(letter!.text),
        ip: debtor.ip,
        userAgent: debtor.userAgent,
        now,
      });
    }
    if (demo.dispute === 'open_on_first_line') {
      const [first] = await db
        .select({ id: invoiceLines.id })
        .from(invoiceLines)
        .where(and(eq(invoiceLines.invoiceId, invoiceId), eq(invoiceLines.position, 1)));
      const [opening, reply] = demoDisputes.open.messages;
      const opened = await openDispute(db, {
        invoiceId,
        lineIds: [first!.id],
        reason: demoDisputes.open.reason,
        message: opening!.body,
        actor: debtor,
      });
      if (!opened.ok) throw new Error(`seed dispute: ${opened.error}`);
      await postDisputeMessage(db, {
        disputeId: opened.disputeId,
        scope: { businessId },
        body: reply!.body,
        actor: staff,
      });
    }
    if (demo.dispute === 'accepted') {
      const [second] = await db
        .select({ id: invoiceLines.id })
        .from(invoiceLines)
        .where(and(eq(invoiceLines.invoiceId, invoiceId), eq(invoiceLines.position, 2)));
      const opened = await openDispute(db, {
        invoiceId,
        lineIds: [second!.id],
        reason: demoDisputes.accepted.reason,
        message: demoDisputes.accepted.message,
        actor: debtor,
      });
      if (!opened.ok) throw new Error(`seed dispute: ${opened.error}`);
      await acceptDispute(db, {
        businessId,
        disputeId: opened.disputeId,
        note: demoDisputes.accepted.answer,
        actor: staff,
        now,
      });
    }
  }
}

/**
 * The default ladder, the chronic late payer's policy, and a reminder history made by the real sweep: replayed at
 * 10:00 (business time) on each past day, then once at `now`, so the late invoices carry the reminders, outbox
 * emails, tasks and timeline events the worker would have produced. (Rows dated by the database, the outbox
 * emails and the events, carry the seeding time, as the seeded invoices' own events do.)
 */
async function seedDunning(
  db: Db,
  businessId: string,
  customerIds: Map<string, string>,
  today: string,
  now: Date,
) {
  await db.transaction((tx) => ensureDefaultPolicy(tx, businessId));
  const [policy] = await db
    .insert(dunningPolicies)
    .values({ businessId, name: chronicLatePayerPolicy.name })
    .returning({ id: dunningPolicies.id });
  await db
    .insert(dunningSteps)
    .values(chronicLatePayerPolicy.steps.map((step) => ({ ...step, policyId: policy!.id })));
  await db
    .update(customers)
    .set({ dunningPolicyId: policy!.id })
    .where(eq(customers.id, customerIds.get(chronicLatePayerPolicy.customer)!));

  const sweepAt = async (instant: Date) => {
    const { claimed, requeued } = await runDunningSweep({ db, now: instant });
    for (const reminderId of [...claimed, ...requeued]) await sendReminder(db, { reminderId, now: instant });
  };
  for (let day = addDaysIso(today, -reminderHistoryDays); day < today; day = addDaysIso(day, 1)) {
    await sweepAt(localInstant(day, 10, 0, demoBusiness.timeZone));
  }
  await sweepAt(now);
}

/** Fresh debtor links for the showcase invoices (tokens are stored hashed, so each run mints new ones). */
export async function demoLinks(db: Db): Promise<{ label: string; url: string }[]> {
  const links: { label: string; url: string }[] = [];
  for (const demo of demoInvoices.filter((d) => d.showcase)) {
    const [row] = await db
      .select({ id: invoices.id, number: invoices.number })
      .from(invoices)
      .innerJoin(invoiceLines, and(eq(invoiceLines.invoiceId, invoices.id), eq(invoiceLines.position, 1)))
      .where(and(eq(invoiceLines.description, demo.lines[0]!.description), eq(invoices.status, 'open')))
      .limit(1);
    if (!row) continue;
    const link = await mintInvoiceLink(db, row.id);
    links.push({ label: `${row.number}, ${demo.showcase}`, url: link.url });
  }
  return links;
}

/** A fresh statement link for the customer with the most open invoices (issue 7: pay several at once). */
export async function demoStatementLink(db: Db): Promise<{ label: string; url: string } | null> {
  const [row] = await db
    .select({ id: customers.id, name: customers.name, open: sql<number>`count(*)`.mapWith(Number) })
    .from(customers)
    .innerJoin(invoices, and(eq(invoices.customerId, customers.id), eq(invoices.status, 'open')))
    .groupBy(customers.id, customers.name)
    .orderBy(sql`count(*) DESC`, customers.name)
    .limit(1);
  if (!row || row.open < 2) return null;
  const link = await mintStatementLink(db, row.id);
  return { label: `${row.name}, ${row.open} open invoices`, url: link.url };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const db = appDb();
  seedDemo(db)
    .then(async ({ seeded }) => {
      if (seeded) console.log('demo data seeded');
      console.log(`admin: ${env().APP_URL}/admin (${demoAdmin.email} / ${demoAdmin.password})`);
      for (const link of await demoLinks(db)) console.log(`debtor link: ${link.url} (${link.label})`);
      const statement = await demoStatementLink(db);
      if (statement) console.log(`statement link: ${statement.url} (${statement.label})`);
    })
    .catch((error) => {
      console.error('seed failed:', error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(() => closeDb());
}

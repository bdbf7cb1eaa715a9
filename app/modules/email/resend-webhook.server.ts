import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { business, contacts, customers, emails, events, tasks } from '#db/schema/index';
import { recordEvent } from '~/modules/audit/record-event.server';
import { todayIn } from '~/utils/dates';
import type { Db, Tx } from '~/utils/db.server';

type EmailStatus = (typeof emails.$inferSelect)['status'];

/** How far along an email is. A status only moves up: a late "delivered" never hides a bounce or a complaint. */
const RANK: Record<EmailStatus, number> = {
  queued: 0,
  outbox: 0,
  failed: 0,
  sent: 1,
  delivered: 2,
  bounced: 3,
  complained: 4,
};

/** The events that reach the timeline, and the status each one moves the email to (null: timeline only). */
const HANDLED: Record<string, EmailStatus | null> = {
  'email.delivered': 'delivered',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
  'email.delivery_delayed': null,
};

const addresses = z.union([
  z
    .string()
    .max(1000)
    .transform((s) => [s]),
  z.array(z.string().max(1000)).max(100),
]);

const payloadSchema = z.object({
  type: z.string().min(1).max(100),
  data: z.object({
    email_id: z.string().min(1).max(200),
    to: addresses.optional(),
    bounce: z
      .object({
        type: z.string().max(100).optional(),
        subType: z.string().max(100).optional(),
        message: z.string().max(5000).optional(),
      })
      .optional(),
  }),
});

export type ResendEmailEvent = z.infer<typeof payloadSchema>;

export type ResendWebhookResult = 'applied' | 'duplicate' | 'unknown_email' | 'ignored' | 'invalid';

/**
 * Applies one verified Resend webhook (call it only after the signature checked out). Delivered, bounced,
 * complained and delayed mail goes on the email's invoice timeline; a hard bounce or a complaint also stops
 * mailing that address (its contacts are suppressed) and asks someone to fix it (one task per contact).
 *
 * Safe to run any number of times: the Svix message id is the event's dedupe key, checked under a lock on the
 * email row, so a redelivery changes nothing. Events for emails we do not know are answered and dropped.
 */
export async function handleResendWebhook(
  db: Db,
  input: { svixId: string; rawBody: Buffer; now?: Date },
): Promise<{ result: ResendWebhookResult; type?: string; emailId?: string }> {
  let json: unknown;
  try {
    json = JSON.parse(input.rawBody.toString('utf8'));
  } catch {
    return { result: 'invalid' };
  }
  const type =
    typeof json === 'object' && json && 'type' in json ? String(json.type).slice(0, 100) : undefined;
  if (!type || !(type in HANDLED)) return { result: 'ignored', type };
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) return { result: 'invalid', type };
  const event = parsed.data;
  const result = await db.transaction((tx) =>
    applyEmailEvent(tx, input.svixId, event, input.now ?? new Date()),
  );
  return { result, type, emailId: event.data.email_id };
}

async function applyEmailEvent(
  tx: Tx,
  svixId: string,
  event: ResendEmailEvent,
  now: Date,
): Promise<ResendWebhookResult> {
  // The lock makes deliveries about one email take turns, so the dedupe check below sees the previous one's row.
  const [email] = await tx
    .select()
    .from(emails)
    .where(eq(emails.providerId, event.data.email_id))
    .limit(1)
    .for('update');
  if (!email) return 'unknown_email';
  const dedupeKey = `resend:${svixId}`;
  const [seen] = await tx.select({ id: events.id }).from(events).where(eq(events.dedupeKey, dedupeKey));
  if (seen) return 'duplicate';

  const target = HANDLED[event.type] ?? null;
  let statusChanged = false;
  if (target) {
    const lower = (Object.keys(RANK) as EmailStatus[]).filter((s) => RANK[s] < RANK[target]);
    const updated = await tx
      .update(emails)
      .set({ status: target })
      .where(and(eq(emails.id, email.id), inArray(emails.status, lower)))
      .returning({ id: emails.id });
    statusChanged = updated.length > 0;
  }

  const bounce = event.data.bounce;
  const permanent =
    event.type === 'email.complained' ||
    (event.type === 'email.bounced' &&
      !['transient', 'undetermined'].includes(bounce?.type?.toLowerCase() ?? ''));
  const affected = affectedAddresses(email, event);
  const suppressed =
    permanent && email.customerId ? await suppressContacts(tx, email, affected, event, now) : [];

  await recordEvent(tx, {
    businessId: email.businessId,
    invoiceId: email.invoiceId,
    customerId: email.customerId,
    type: event.type,
    actor: { type: 'resend' },
    dedupeKey,
    data: {
      emailId: email.id,
      template: email.template,
      to: event.type === 'email.delivered' || event.type === 'email.delivery_delayed' ? email.to : affected,
      statusChanged,
      ...(bounce ? { bounceType: bounce.type ?? null, bounceSubType: bounce.subType ?? null } : {}),
      ...(event.type === 'email.bounced' ? { permanent } : {}),
      suppressedContactIds: suppressed.map((c) => c.id),
    },
  });
  return 'applied';
}

/**
 * Which of our recipients the event is about. Resend names the email's recipients, not always the one that
 * failed: when the bounce message names some of them, only those; else every recipient Resend listed that we
 * sent to (or all of ours when it listed none we know).
 */
function affectedAddresses(email: typeof emails.$inferSelect, event: ResendEmailEvent): string[] {
  const ours = [...new Set([...email.to, ...email.cc].map(bareAddress))];
  const reported = (event.data.to ?? []).map(bareAddress).filter((a) => ours.includes(a));
  const candidates = reported.length ? [...new Set(reported)] : ours;
  const message = event.data.bounce?.message?.toLowerCase() ?? '';
  const named = candidates.filter((a) => message.includes(a));
  return named.length ? named : candidates;
}

function bareAddress(value: string): string {
  const angled = /<([^<>]+)>\s*$/.exec(value);
  return (angled ? angled[1]! : value).trim().toLowerCase();
}

const TITLES = {
  fr: {
    bounce: (name: string, customer: string) =>
      `Corriger l'adresse e-mail de ${name} (${customer}) : le message a été rejeté`,
    complaint: (name: string, customer: string) =>
      `Vérifier l'adresse e-mail de ${name} (${customer}) : le message a été signalé comme spam`,
  },
  en: {
    bounce: (name: string, customer: string) =>
      `Fix the email address of ${name} (${customer}): the message bounced`,
    complaint: (name: string, customer: string) =>
      `Check the email address of ${name} (${customer}): the message was marked as spam`,
  },
};

/**
 * Stops mailing the address: every contact of the email's customer with it is suppressed (`invoiceRecipients`
 * leaves them out), and each contact this newly suppressed gets one "fix this contact" task, due today.
 */
async function suppressContacts(
  tx: Tx,
  email: typeof emails.$inferSelect,
  addressList: string[],
  event: ResendEmailEvent,
  now: Date,
): Promise<{ id: string }[]> {
  if (!email.customerId || !addressList.length) return [];
  const newlySuppressed = await tx
    .update(contacts)
    .set({ emailSuppressedAt: now })
    .where(
      and(
        eq(contacts.customerId, email.customerId),
        isNull(contacts.emailSuppressedAt),
        inArray(sql`lower(trim(${contacts.email}))`, addressList),
      ),
    )
    .returning({ id: contacts.id, name: contacts.name });
  if (!newlySuppressed.length) return [];
  const [context] = await tx
    .select({ timeZone: business.timeZone, locale: business.locale, customerName: customers.name })
    .from(customers)
    .innerJoin(business, eq(business.id, customers.businessId))
    .where(eq(customers.id, email.customerId));
  const titles = context?.locale === 'en' ? TITLES.en : TITLES.fr;
  const title = event.type === 'email.complained' ? titles.complaint : titles.bounce;
  const bounce = event.data.bounce;
  const notes = bounce
    ? [bounce.type, bounce.subType].filter(Boolean).join(' / ') +
      (bounce.message ? `: ${bounce.message}` : '')
    : null;
  await tx
    .insert(tasks)
    .values(
      newlySuppressed.map((contact) => ({
        businessId: email.businessId,
        invoiceId: email.invoiceId,
        customerId: email.customerId,
        kind: 'bounce' as const,
        title: title(contact.name, context?.customerName ?? ''),
        notes: notes?.slice(0, 1000) || null,
        dueOn: todayIn(context?.timeZone ?? 'Europe/Paris', now),
        // Per contact and email: a new task when a fixed address bounces again later.
        dedupeKey: `bounce:${contact.id}:${email.id}`,
      })),
    )
    .onConflictDoNothing({ target: tasks.dedupeKey });
  return newlySuppressed;
}

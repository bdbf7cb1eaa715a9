import { and, eq, sql } from 'drizzle-orm';
import { Resend } from 'resend';
import { emails } from '#db/schema/index';
import { renderAttachments } from '~/modules/email/attachments.server';
import type { Db, DbOrTx } from './db.server';
import { env } from './env.server';
import { logger } from './logger.server';

export type OutgoingEmail = {
  businessId: string;
  invoiceId?: string | null;
  customerId?: string | null;
  /** Names the business action; the same key never mails twice. */
  dedupeKey: string;
  template: string;
  locale: string;
  from: string;
  replyTo?: string | null;
  to: string[];
  cc?: string[];
  subject: string;
  html: string;
  text: string;
  /** Files rendered when the email is delivered (from `kind` and `refId`), never stored. */
  attachments?: EmailAttachment[];
};

export type EmailAttachment = { filename: string; kind: string; refId: string };

const MAX_ATTEMPTS = 5;

export function resendConfigured(): boolean {
  return Boolean(env().RESEND_API_KEY);
}

/**
 * Writes an email into the outbox inside the caller's transaction (so it exists if and only if the change that
 * caused it committed). Returns null when the dedupe key was already used: nothing is queued twice.
 */
export async function queueEmail(tx: DbOrTx, email: OutgoingEmail): Promise<{ id: string } | null> {
  const [row] = await tx
    .insert(emails)
    .values({
      businessId: email.businessId,
      invoiceId: email.invoiceId ?? null,
      customerId: email.customerId ?? null,
      dedupeKey: email.dedupeKey,
      template: email.template,
      locale: email.locale,
      fromAddress: email.from,
      replyTo: email.replyTo ?? null,
      to: email.to,
      cc: email.cc ?? [],
      subject: email.subject,
      html: email.html,
      text: email.text,
      attachments: email.attachments?.length ? email.attachments : null,
      status: resendConfigured() ? 'queued' : 'outbox',
    })
    .onConflictDoNothing({ target: emails.dedupeKey })
    .returning({ id: emails.id });
  // Delivered to the listening worker when (and only if) the transaction commits.
  if (row && resendConfigured()) await tx.execute(sql`SELECT pg_notify('acquit_email', '')`);
  return row ?? null;
}

/** Debtor and account links are bearer tokens: once Resend has the message, our copy keeps no live token. */
export function scrubTokens(body: string): string {
  return body.replace(/\/(i|s|admin\/invite|admin\/reset-password)\/[A-Za-z0-9_-]{43}/g, '/$1/[link]');
}

let client: Resend | undefined;
function resend(): Resend {
  if (!client) {
    const e = env();
    client = new Resend(e.RESEND_API_KEY, e.RESEND_BASE_URL ? { baseUrl: e.RESEND_BASE_URL } : undefined);
  }
  return client;
}

/**
 * Hands queued emails to Resend, one row lock at a time (SKIP LOCKED: several workers share the queue). The
 * Resend idempotency key is the email id, so a worker killed between sending and recording cannot mail twice.
 * Returns how many were sent.
 */
export async function deliverQueuedEmails(db: Db, limit = 20): Promise<number> {
  if (!resendConfigured()) return 0;
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    const outcome = await db.transaction(async (tx) => {
      const [email] = await tx
        .select()
        .from(emails)
        .where(eq(emails.status, 'queued'))
        .orderBy(emails.createdAt)
        .limit(1)
        .for('update', { skipLocked: true });
      if (!email) return 'empty' as const;
      const attachments = await renderAttachments(tx, email);
      const { data, error } = await resend().emails.send(
        {
          from: email.fromAddress,
          to: email.to,
          cc: email.cc.length ? email.cc : undefined,
          replyTo: email.replyTo ?? undefined,
          subject: email.subject,
          html: email.html,
          text: email.text,
          attachments: attachments.length ? attachments : undefined,
        },
        { idempotencyKey: `email-${email.id}` },
      );
      if (error || !data) {
        const attempts = [
          ...email.attempts,
          { at: new Date().toISOString(), error: error?.message ?? 'no response' },
        ];
        await tx
          .update(emails)
          .set({ attempts, status: attempts.length >= MAX_ATTEMPTS ? 'failed' : 'queued' })
          .where(eq(emails.id, email.id));
        logger().warn({ emailId: email.id, error: error?.message }, 'email delivery failed');
        return 'failed' as const;
      }
      await tx
        .update(emails)
        .set({
          status: 'sent',
          providerId: data.id,
          sentAt: new Date(),
          html: scrubTokens(email.html),
          text: scrubTokens(email.text),
        })
        .where(and(eq(emails.id, email.id), eq(emails.status, 'queued')));
      return 'sent' as const;
    });
    if (outcome === 'empty') break;
    if (outcome === 'sent') sent++;
    else break; // provider trouble: leave the rest for the next run
  }
  return sent;
}

export async function countQueuedEmails(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(emails)
    .where(eq(emails.status, 'queued'));
  return row?.n ?? 0;
}

import { and, eq, isNull } from 'drizzle-orm';
import { customers, statementLinks } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { invoiceRecipients } from '~/modules/email/recipients.server';
import type { Db, DbOrTx } from '~/utils/db.server';
import { env } from '~/utils/env.server';
import { hashToken, newToken } from '~/utils/tokens.server';
import { sendStatementLinkEmail } from './statement-email.server';

export function statementUrl(token: string): string {
  return `${env().APP_URL}/s/${token}`;
}

/**
 * A fresh private link to a customer's statement, as invoice links are made: the token exists only in the returned
 * URL (and the email that carries it); the database keeps its hash. Reminders mint one per email.
 */
export async function mintStatementLink(
  tx: DbOrTx,
  customerId: string,
  opts: { ttlDays?: number; now?: Date } = {},
): Promise<{ linkId: string; url: string; token: string }> {
  const token = newToken();
  const now = opts.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (opts.ttlDays ?? env().LINK_TTL_DAYS) * 86_400_000);
  const [row] = await tx
    .insert(statementLinks)
    .values({ customerId, tokenHash: hashToken(token), createdAt: now, expiresAt })
    .returning({ id: statementLinks.id });
  return { linkId: row!.id, url: statementUrl(token), token };
}

async function lockCustomer(tx: DbOrTx, businessId: string, customerId: string) {
  const [row] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.id, customerId), eq(customers.businessId, businessId)))
    .for('update');
  return row ?? null;
}

export type StatementLinkResult =
  | { ok: true; url: string; linkId: string; revoked: number; emailed: boolean }
  | { ok: false; error: 'not_found' | 'no_recipient' };

/**
 * The admin's "send" and "rotate": revokes every live statement link of the customer and mints one, in one
 * transaction (never both, never neither); with `sendEmail`, the new link goes to the billing contacts
 * (deduplicated per link). A send with no reachable contact changes nothing.
 */
export async function rotateStatementLink(
  db: Db,
  input: { businessId: string; customerId: string; actor: Actor; sendEmail?: boolean; now?: Date },
): Promise<StatementLinkResult> {
  return db.transaction(async (tx) => {
    if (!(await lockCustomer(tx, input.businessId, input.customerId)))
      return { ok: false, error: 'not_found' };
    if (input.sendEmail && !(await invoiceRecipients(tx, input.customerId)).to.length)
      return { ok: false, error: 'no_recipient' };
    const now = input.now ?? new Date();
    const revoked = await tx
      .update(statementLinks)
      .set({ revokedAt: now })
      .where(and(eq(statementLinks.customerId, input.customerId), isNull(statementLinks.revokedAt)))
      .returning({ id: statementLinks.id });
    const link = await mintStatementLink(tx, input.customerId, { now });
    let emailed = false;
    if (input.sendEmail) {
      emailed = await sendStatementLinkEmail(tx, {
        customerId: input.customerId,
        url: link.url,
        dedupeKey: `statement-link:${link.linkId}`,
      });
    }
    await recordEvent(tx, {
      businessId: input.businessId,
      customerId: input.customerId,
      type: input.sendEmail ? 'statement.link_sent' : 'statement.link_rotated',
      actor: input.actor,
      data: { linkId: link.linkId, revoked: revoked.length, emailed },
    });
    return { ok: true, url: link.url, linkId: link.linkId, revoked: revoked.length, emailed } as const;
  });
}

/** Revokes every live statement link of a customer; a second call revokes nothing and records nothing. */
export async function revokeStatementLinks(
  db: Db,
  input: { businessId: string; customerId: string; actor: Actor },
): Promise<{ ok: true; revoked: number } | { ok: false; error: 'not_found' }> {
  return db.transaction(async (tx) => {
    if (!(await lockCustomer(tx, input.businessId, input.customerId)))
      return { ok: false, error: 'not_found' };
    const rows = await tx
      .update(statementLinks)
      .set({ revokedAt: new Date() })
      .where(and(eq(statementLinks.customerId, input.customerId), isNull(statementLinks.revokedAt)))
      .returning({ id: statementLinks.id });
    if (rows.length) {
      await recordEvent(tx, {
        businessId: input.businessId,
        customerId: input.customerId,
        type: 'statement.link_revoked',
        actor: input.actor,
        data: { count: rows.length },
      });
    }
    return { ok: true, revoked: rows.length } as const;
  });
}

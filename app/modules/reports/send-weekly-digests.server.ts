import { and, eq, isNull } from 'drizzle-orm';
import { createElement } from 'react';
import WeeklyDigestEmail, { weeklyDigestSubject, type WeeklyDigestProps } from '#emails/weekly-digest';
import { renderEmail } from '#emails/render.server';
import { business, emails, users } from '#db/schema/index';
import { senderFor } from '~/modules/email/sender.server';
import type { Db } from '~/utils/db.server';
import { queueEmail } from '~/utils/email.server';
import { env } from '~/utils/env.server';
import { isLocale } from '~/utils/i18n';
import { logger } from '~/utils/logger.server';
import { digestWeek, weeklyDigestData } from './weekly-digest.server';

export type DigestRun = {
  queued: number;
  alreadySent: number;
  notDue: number;
  noOwner: number;
  failed: number;
};

/**
 * Queues the weekly digest of every business that wants one and whose local time is Monday, 07:00 or later, to
 * its owners (not staff, not disabled), in the business's language. Safe to run any number of times and from
 * several workers at once: the dedupe key `digest:<business>:<ISO week in its zone>` mails once per week.
 */
export async function sendWeeklyDigests(db: Db, input: { now?: Date } = {}): Promise<DigestRun> {
  const now = input.now ?? new Date();
  const run: DigestRun = { queued: 0, alreadySent: 0, notDue: 0, noOwner: 0, failed: 0 };
  const businesses = await db.select().from(business).where(eq(business.weeklyDigestEnabled, true));
  for (const b of businesses) {
    const week = digestWeek(b.timeZone, now);
    if (!week.due) {
      run.notDue++;
      continue;
    }
    try {
      run[await queueDigest(db, b, week.isoWeek, now)]++;
    } catch (error) {
      // One business's trouble must not keep the others' digests back; the next hourly run retries it.
      run.failed++;
      logger().error({ err: error, businessId: b.id }, 'weekly digest failed');
    }
  }
  return run;
}

async function queueDigest(
  db: Db,
  b: typeof business.$inferSelect,
  isoWeek: string,
  now: Date,
): Promise<'queued' | 'alreadySent' | 'noOwner'> {
  const dedupeKey = `digest:${b.id}:${isoWeek}`;
  const [sent] = await db.select({ id: emails.id }).from(emails).where(eq(emails.dedupeKey, dedupeKey));
  if (sent) return 'alreadySent';
  const owners = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.businessId, b.id), eq(users.role, 'owner'), isNull(users.disabledAt)))
    .orderBy(users.createdAt);
  if (!owners.length) return 'noOwner';

  const data = await weeklyDigestData(db, { businessId: b.id, timeZone: b.timeZone, now });
  const props: WeeklyDigestProps = {
    locale: isLocale(b.locale) ? b.locale : 'fr',
    businessName: b.name,
    logoUrl: b.logoUrl,
    today: data.today,
    periodFrom: data.periodFrom,
    periodTo: data.periodTo,
    aging: data.aging,
    collected: data.collected,
    promisesDue: data.promisesDue,
    promisesBroken: data.promisesBroken,
    disputes: data.disputes,
    adminUrl: `${env().APP_URL}/admin`,
  };
  const { html, text } = await renderEmail(createElement(WeeklyDigestEmail, props));
  const queued = await queueEmail(db, {
    businessId: b.id,
    dedupeKey,
    template: 'weekly-digest',
    locale: props.locale,
    from: senderFor(b),
    to: [...new Set(owners.map((o) => o.email.trim().toLowerCase()))],
    subject: weeklyDigestSubject(props),
    html,
    text,
  });
  return queued ? 'queued' : 'alreadySent';
}

import { eq, like } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { emails, users } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { createBusiness, createIssuedInvoice, createUser } from '../../../test/factories';
import { sendWeeklyDigests } from './send-weekly-digests.server';

/** Monday 2 March 2026 (ISO week 10), 07:30 in Paris, 01:30 in New York. */
const NOW = new Date('2026-03-02T06:30:00Z');
const hours = (n: number) => new Date(NOW.getTime() + n * 3_600_000);

const digestsOf = (businessId: string) =>
  db()
    .select()
    .from(emails)
    .where(like(emails.dedupeKey, `digest:${businessId}:%`));

describe('sendWeeklyDigests', () => {
  test('one digest per business and week, to its active owners, whatever the reruns and however many workers', async () => {
    const business = await createBusiness({
      timeZone: 'Europe/Paris',
      locale: 'fr',
      name: 'Atelier Lumière',
    });
    const owner = await createUser(business.id, { role: 'owner', email: 'Claire.Owner@atelier.test' });
    const gone = await createUser(business.id, { role: 'owner' });
    await db().update(users).set({ disabledAt: new Date() }).where(eq(users.id, gone.id));
    await createUser(business.id, { role: 'staff' });
    await createIssuedInvoice({ businessId: business.id, issueDate: '2026-01-15' });

    const runs = await Promise.all([
      sendWeeklyDigests(db(), { now: NOW }),
      sendWeeklyDigests(db(), { now: NOW }),
    ]);
    expect(runs.every((r) => r.failed === 0)).toBe(true);
    await sendWeeklyDigests(db(), { now: hours(5) });
    const sent = await digestsOf(business.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      dedupeKey: `digest:${business.id}:2026-W10`,
      template: 'weekly-digest',
      locale: 'fr',
      to: [owner.email.toLowerCase()],
      cc: [],
      invoiceId: null,
      customerId: null,
      status: 'outbox',
      subject: 'Votre point hebdomadaire du 2 mars 2026 – Atelier Lumière',
    });
    expect(sent[0]!.text.replace(/\s+/g, ' ')).toMatch(/En retard de 1 à 30 jours 1 650,00 €/);
    expect(sent[0]!.html).toContain('/admin"');

    // The next Monday is another week.
    await sendWeeklyDigests(db(), { now: hours(24 * 7) });
    expect((await digestsOf(business.id)).map((e) => e.dedupeKey).sort()).toEqual([
      `digest:${business.id}:2026-W10`,
      `digest:${business.id}:2026-W11`,
    ]);
  });

  test('each business on its own Monday morning: New York waits for 07:00 there, Tuesday is too late', async () => {
    const ny = await createBusiness({ timeZone: 'America/New_York', locale: 'en' });
    await createUser(ny.id, { role: 'owner' });
    await sendWeeklyDigests(db(), { now: NOW });
    expect(await digestsOf(ny.id)).toHaveLength(0);
    await sendWeeklyDigests(db(), { now: hours(5) }); // 06:30 in New York
    expect(await digestsOf(ny.id)).toHaveLength(0);
    await sendWeeklyDigests(db(), { now: hours(6) }); // 07:30 in New York
    const [digest] = await digestsOf(ny.id);
    expect(digest).toMatchObject({ dedupeKey: `digest:${ny.id}:2026-W10`, locale: 'en' });
    expect(digest!.subject).toBe(`Your weekly digest for 2 March 2026 – ${ny.name}`);

    const late = await createBusiness({ timeZone: 'Europe/Paris' });
    await createUser(late.id, { role: 'owner' });
    await sendWeeklyDigests(db(), { now: hours(24) });
    expect(await digestsOf(late.id)).toHaveLength(0);
  });

  test('no digest when the business turned it off, or has no active owner', async () => {
    const off = await createBusiness({ weeklyDigestEnabled: false });
    await createUser(off.id, { role: 'owner' });
    const staffOnly = await createBusiness();
    await createUser(staffOnly.id, { role: 'staff' });
    const run = await sendWeeklyDigests(db(), { now: NOW });
    expect(run.noOwner).toBeGreaterThanOrEqual(1);
    expect(await digestsOf(off.id)).toHaveLength(0);
    expect(await digestsOf(staffOnly.id)).toHaveLength(0);
  });
});

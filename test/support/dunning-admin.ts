/**
 * What the /admin/dunning route tests share: a signed-in user of a fresh business (whose first visit created the
 * default ladder), and readers of the rows those pages write.
 */
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { dunningPolicies, dunningSteps, events } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { createBusiness, createUser } from '../factories';
import { startApp } from '../setup/app-server';
import { csrfOf, loginAs } from './admin-client';

export async function signInToDunning() {
  const app = await startApp();
  const business = await createBusiness();
  const user = await createUser(business.id);
  const client = await loginAs(app, user);
  const csrf = await csrfOf(client, '/admin/dunning');
  const [policy] = await db()
    .select()
    .from(dunningPolicies)
    .where(eq(dunningPolicies.businessId, business.id));
  return { app, client, csrf, businessId: business.id, userId: user.id, defaultId: policy!.id };
}

export async function liveSteps(policyId: string) {
  return db()
    .select()
    .from(dunningSteps)
    .where(and(eq(dunningSteps.policyId, policyId), isNull(dunningSteps.archivedAt)))
    .orderBy(asc(dunningSteps.offsetDays));
}

export async function eventsOf(businessId: string, type: string) {
  return db()
    .select()
    .from(events)
    .where(and(eq(events.businessId, businessId), eq(events.type, type)));
}

/** Steps, the business's events and policies: what a refused POST must leave as they were. */
export async function dunningCounts(businessId: string) {
  const [[s], [e], [p]] = await Promise.all([
    db().select({ n: count() }).from(dunningSteps),
    db().select({ n: count() }).from(events).where(eq(events.businessId, businessId)),
    db().select({ n: count() }).from(dunningPolicies),
  ]);
  return { steps: s!.n, events: e!.n, policies: p!.n };
}

/** The step editor's fields, valid unless overridden. */
export const stepForm = (csrf: string, overrides: Record<string, string> = {}): Record<string, string> => ({
  csrf,
  intent: 'add-step',
  offsetDays: '10',
  channel: 'email',
  tone: 'firm',
  subjectFr: 'Facture {{invoice_number}} : {{days_late}} jours de retard',
  bodyFr: 'Bonjour {{customer_name}},\n\nMerci de régler {{amount_due}}.',
  subjectEn: 'Invoice {{invoice_number}}: {{days_late}} days late',
  bodyEn: 'Hello {{customer_name}},\n\nPlease pay {{amount_due}}.',
  ...overrides,
});

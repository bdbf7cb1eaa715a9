import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, dunningPolicies, dunningSteps, reminders } from '#db/schema/index';
import { DEFAULT_LADDER } from '~/modules/dunning/default-ladder';
import { db } from '~/utils/db.server';
import { createBusiness, createCustomer, createOverdueInvoice } from '../../test/factories';
import { type RunningApp } from '../../test/setup/app-server';
import { createClient, type HttpClient } from '../../test/setup/http';
import { textOf } from '../../test/support/admin-client';
import { fieldError } from '../../test/support/form-errors';
import {
  dunningCounts,
  eventsOf as eventsOfBusiness,
  liveSteps,
  signInToDunning,
  stepForm,
} from '../../test/support/dunning-admin';

let app: RunningApp;
let client: HttpClient;
let csrf: string;
let businessId: string;
let userId: string;
let defaultId: string;

beforeAll(async () => {
  ({ app, client, csrf, businessId, userId, defaultId } = await signInToDunning());
});
afterAll(() => app.stop());

const eventsOf = (type: string) => eventsOfBusiness(businessId, type);
const counts = () => dunningCounts(businessId);
async function newPolicy(name: string, from: 'default' | 'empty' = 'empty') {
  const response = await client.postForm('/admin/dunning', { csrf, name, from });
  expect(response.status, textOf(response.body).slice(0, 300)).toBe(302);
  return /\/admin\/dunning\/([0-9a-f-]{36})/.exec(response.location ?? '')![1]!;
}
const step = (overrides: Record<string, string> = {}) => stepForm(csrf, overrides);

describe('the dunning pages need a signed-in user', () => {
  it('redirects a visitor to the login page and refuses an anonymous POST', async () => {
    const anonymous = createClient(app.url);
    const page = await anonymous.get('/admin/dunning');
    expect(page.status).toBe(302);
    expect(page.location).toMatch(/^\/admin\/login/);
    const before = await counts();
    const post = await anonymous.postForm(`/admin/dunning/${defaultId}`, step({ csrf: 'x' }));
    expect([302, 403]).toContain(post.status);
    const preview = await anonymous.get(`/admin/dunning/${defaultId}/preview`);
    expect(preview.status).toBe(302);
    expect(await counts()).toEqual(before);
  });

  it('refuses a POST without the CSRF token, and one from another origin, with 403 and no write', async () => {
    const before = await counts();
    expect((await client.postForm(`/admin/dunning/${defaultId}`, step({ csrf: '' }))).status).toBe(403);
    expect((await client.postForm('/admin/dunning', { name: 'Sans jeton' })).status).toBe(403);
    const forged = await client.postForm(`/admin/dunning/${defaultId}`, step(), {
      origin: 'https://evil.example',
    });
    expect(forged.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('answers 404 for another business’s policy and for an id that is not one', async () => {
    const other = await createBusiness();
    const [theirs] = await db()
      .insert(dunningPolicies)
      .values({ businessId: other.id, name: 'Leur politique' })
      .returning();
    expect((await client.get(`/admin/dunning/${theirs!.id}`)).status).toBe(404);
    expect((await client.get('/admin/dunning/not-a-uuid')).status).toBe(404);
    const before = await counts();
    const post = await client.postForm(`/admin/dunning/${theirs!.id}?lang=en`, step());
    expect(post.status).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe('policies', () => {
  it('the first visit creates the default ladder from the seeds (−3 … +60)', async () => {
    const page = await client.get('/admin/dunning?lang=en');
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toContain('Standard Default');
    expect((await liveSteps(defaultId)).map((s) => [s.offsetDays, s.channel])).toEqual(
      DEFAULT_LADDER.map((s) => [s.offsetDays, s.channel]),
    );
  });

  it('creates a policy from a copy of the default ladder, or empty, each with an event', async () => {
    const copied = await newPolicy('Mauvais payeurs', 'default');
    const empty = await newPolicy('Vide', 'empty');
    expect((await liveSteps(copied)).map((s) => s.offsetDays)).toEqual(
      DEFAULT_LADDER.map((s) => s.offsetDays),
    );
    expect(await liveSteps(empty)).toEqual([]);
    const created = await eventsOf('dunning.policy_created');
    expect(created.map((e) => e.data)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ policyId: copied, from: 'default' }),
        expect.objectContaining({ policyId: empty, from: 'empty' }),
      ]),
    );
    expect(created.every((e) => e.actorType === 'user' && e.actorId === userId)).toBe(true);
    const list = await client.get('/admin/dunning?lang=en');
    expect(textOf(list.body)).toMatch(/Mauvais payeurs 7 steps · No customers/);
  });

  it('refuses a nameless or 81-character policy with 400 beside the field', async () => {
    const before = await counts();
    for (const [name, message] of [
      ['   ', 'Give the policy a name.'],
      ['x'.repeat(81), 'At most 80 characters.'],
    ] as const) {
      const response = await client.postForm('/admin/dunning?lang=en', { csrf, name, from: 'default' });
      expect(response.status).toBe(400);
      expect(fieldError(response.body, 'name')).toBe(message);
    }
    const bad = await client.postForm('/admin/dunning?lang=en', { csrf, name: 'Ok', from: 'somewhere' });
    expect(bad.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('renames, and deletes only a non-default policy that nobody follows', async () => {
    const id = await newPolicy('Temporaire');
    const renamed = await client.postForm(`/admin/dunning/${id}?lang=en`, {
      csrf,
      intent: 'rename',
      name: 'Clients fragiles',
    });
    expect(renamed.status).toBe(200);
    expect(textOf(renamed.body)).toContain('Policy renamed.');
    const [row] = await db().select().from(dunningPolicies).where(eq(dunningPolicies.id, id));
    expect(row!.name).toBe('Clients fragiles');
    expect((await eventsOf('dunning.policy_renamed')).at(-1)!.data).toMatchObject({
      from: 'Temporaire',
      to: 'Clients fragiles',
    });

    const blank = await client.postForm(`/admin/dunning/${id}?lang=en`, { csrf, intent: 'rename', name: '' });
    expect(blank.status).toBe(400);
    expect(fieldError(blank.body, 'name')).toBe('Give the policy a name.');

    const isDefault = await client.postForm(`/admin/dunning/${defaultId}?lang=en`, {
      csrf,
      intent: 'delete',
    });
    expect(isDefault.status).toBe(409);
    expect(textOf(isDefault.body)).toContain('The default policy cannot be deleted.');

    const customer = await createCustomer(businessId, { dunningPolicyId: id });
    const used = await client.postForm(`/admin/dunning/${id}?lang=en`, { csrf, intent: 'delete' });
    expect(used.status).toBe(409);
    expect(textOf(used.body)).toContain('Customers follow this policy');
    await db().update(customers).set({ dunningPolicyId: null }).where(eq(customers.id, customer.id));

    const deleted = await client.postForm(`/admin/dunning/${id}?lang=en`, { csrf, intent: 'delete' });
    expect(deleted.status).toBe(302);
    expect(deleted.location).toBe('/admin/dunning?deleted=1&lang=en');
    expect(await db().select().from(dunningPolicies).where(eq(dunningPolicies.id, id))).toEqual([]);
    expect((await eventsOf('dunning.policy_deleted')).map((e) => e.data.policyId)).toContain(id);
    const again = await client.postForm(`/admin/dunning/${id}?lang=en`, { csrf, intent: 'delete' });
    expect(again.status).toBe(404);
  });
});

describe('steps: bad input is a 400 with the message beside the field, and no write', () => {
  let policyId: string;
  beforeAll(async () => {
    policyId = await newPolicy('Validation', 'default');
  });
  const cases: [string, Record<string, string>, string, RegExp][] = [
    [
      'an offset that is not a number',
      { offsetDays: 'soon' },
      'offsetDays',
      /whole number of days between -60 and 365/,
    ],
    ['a fractional offset', { offsetDays: '1.5' }, 'offsetDays', /whole number of days/],
    ['an offset before −60', { offsetDays: '-61' }, 'offsetDays', /whole number of days/],
    ['an offset after 365', { offsetDays: '366' }, 'offsetDays', /whole number of days/],
    ['an empty offset', { offsetDays: '' }, 'offsetDays', /whole number of days/],
    ['a duplicate offset', { offsetDays: '14' }, 'offsetDays', /already has this offset/],
    ['an empty French subject', { subjectFr: '  ' }, 'subjectFr', /^Enter a subject\.$/],
    ['an empty English body', { bodyEn: '' }, 'bodyEn', /^Enter the message\.$/],
    [
      'an unknown placeholder',
      { bodyFr: 'Bonjour {{client}}' },
      'bodyFr',
      /“\{\{client\}\}” is not a known placeholder/,
    ],
    ['an empty placeholder', { subjectEn: 'Invoice {{}}' }, 'subjectEn', /is empty/],
    ['an unclosed placeholder', { subjectFr: 'Facture {{invoice_number' }, 'subjectFr', /^Unbalanced braces/],
    ['a body over 5,000 characters', { bodyEn: 'x'.repeat(5001) }, 'bodyEn', /At most 5000 characters/],
    ['a subject over 300 characters', { subjectFr: 'x'.repeat(301) }, 'subjectFr', /At most 300 characters/],
    ['an unknown channel', { channel: 'fax' }, 'channel', /Choose a channel/],
    ['an unknown tone', { tone: 'angry' }, 'tone', /Choose a tone/],
  ];
  it.each(cases)('%s', async (_label, overrides, field, message) => {
    const before = await counts();
    const response = await client.postForm(`/admin/dunning/${policyId}?lang=en&step=new`, step(overrides));
    expect(response.status).toBe(400);
    expect(fieldError(response.body, field)).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it('reports every field at once, in French by default', async () => {
    const before = await counts();
    const response = await client.postForm(
      `/admin/dunning/${policyId}?step=new`,
      step({ offsetDays: '400', subjectFr: '', bodyEn: '{{montant}}' }),
    );
    expect(response.status).toBe(400);
    expect(fieldError(response.body, 'offsetDays')).toBe(
      'Saisissez un nombre entier de jours entre -60 et 365.',
    );
    expect(fieldError(response.body, 'subjectFr')).toBe('Saisissez un objet.');
    expect(fieldError(response.body, 'bodyEn')).toMatch(/^« \{\{montant\}\} » n’est pas une variable connue/);
    expect(await counts()).toEqual(before);
  });

  it('an edit to another step’s offset is refused too', async () => {
    const steps = await liveSteps(policyId);
    const seven = steps.find((s) => s.offsetDays === 7)!;
    const before = await counts();
    const response = await client.postForm(
      `/admin/dunning/${policyId}?lang=en&step=${seven.id}`,
      step({ intent: 'update-step', stepId: seven.id, offsetDays: '30' }),
    );
    expect(response.status).toBe(400);
    expect(fieldError(response.body, 'offsetDays')).toBe(
      'Another step of this policy already has this offset.',
    );
    expect(await counts()).toEqual(before);
  });
});

describe('steps: add, change, remove', () => {
  let policyId: string;
  beforeAll(async () => {
    policyId = await newPolicy('Échelle serrée', 'default');
  });

  it('adds a step in its place on the ladder, with an event by the user', async () => {
    const response = await client.postForm(`/admin/dunning/${policyId}?lang=en`, step({ offsetDays: '+10' }));
    expect(response.status).toBe(302);
    const added = (await liveSteps(policyId)).find((s) => s.offsetDays === 10)!;
    expect(added).toMatchObject({
      channel: 'email',
      tone: 'firm',
      bodyEn: 'Hello {{customer_name}},\n\nPlease pay {{amount_due}}.',
    });
    expect(response.location).toBe(`/admin/dunning/${policyId}?step=${added.id}&done=added&lang=en`);
    const [event] = (await eventsOf('dunning.step_added')).filter((e) => e.data.stepId === added.id);
    expect(event).toMatchObject({
      actorType: 'user',
      actorId: userId,
      data: { policyId, offsetDays: 10, channel: 'email' },
    });
    const page = await client.get(response.location!);
    expect(textOf(page.body)).toContain('Step added to the ladder.');
    // The ladder reads in order: 7, 10, 14.
    const text = textOf(page.body);
    expect(text.indexOf('7 days after the due date')).toBeLessThan(
      text.indexOf('10 days after the due date'),
    );
    expect(text.indexOf('10 days after the due date')).toBeLessThan(
      text.indexOf('14 days after the due date'),
    );
  });

  it('changes a step and records which fields changed; the same values again change nothing', async () => {
    const seven = (await liveSteps(policyId)).find((s) => s.offsetDays === 7)!;
    const form = step({
      intent: 'update-step',
      stepId: seven.id,
      offsetDays: '8',
      channel: seven.channel,
      tone: seven.tone,
      subjectFr: 'Relance aimable : {{invoice_number}}',
      bodyFr: seven.bodyFr,
      subjectEn: seven.subjectEn,
      bodyEn: seven.bodyEn,
    });
    const response = await client.postForm(`/admin/dunning/${policyId}?lang=en`, form);
    expect(response.status).toBe(302);
    expect(response.location).toContain('done=changed');
    const [row] = await db().select().from(dunningSteps).where(eq(dunningSteps.id, seven.id));
    expect(row).toMatchObject({ offsetDays: 8, subjectFr: 'Relance aimable : {{invoice_number}}' });
    const changed = (await eventsOf('dunning.step_changed')).filter((e) => e.data.stepId === seven.id);
    expect(changed).toHaveLength(1);
    expect(changed[0]!.data).toMatchObject({ changed: ['offsetDays', 'subjectFr'], previousOffsetDays: 7 });

    const again = await client.postForm(`/admin/dunning/${policyId}?lang=en`, form);
    expect(again.location).toContain('done=unchanged');
    expect((await eventsOf('dunning.step_changed')).filter((e) => e.data.stepId === seven.id)).toHaveLength(
      1,
    );
  });

  it('deletes a step that never reminded anyone; a double submit removes once', async () => {
    const one = (await liveSteps(policyId)).find((s) => s.offsetDays === 1)!;
    const form = { csrf, intent: 'remove-step', stepId: one.id };
    const response = await client.postForm(`/admin/dunning/${policyId}?lang=en`, form);
    expect(response.status).toBe(302);
    expect(response.location).toContain('done=removed');
    expect(await db().select().from(dunningSteps).where(eq(dunningSteps.id, one.id))).toEqual([]);
    const twice = await client.postForm(`/admin/dunning/${policyId}?lang=en`, form);
    expect(twice.status).toBe(404);
    expect(textOf(twice.body)).toContain('This step no longer exists');
    expect((await eventsOf('dunning.step_removed')).filter((e) => e.data.stepId === one.id)).toHaveLength(1);
  });

  it('archives a step that already reminded someone, which frees its offset', async () => {
    const thirty = (await liveSteps(policyId)).find((s) => s.offsetDays === 30)!;
    const invoice = await createOverdueInvoice(31, { businessId });
    await db().insert(reminders).values({
      invoiceId: invoice.invoiceId,
      stepId: thirty.id,
      status: 'sent',
      scheduledOn: invoice.dueDate,
    });
    const response = await client.postForm(`/admin/dunning/${policyId}?lang=en`, {
      csrf,
      intent: 'remove-step',
      stepId: thirty.id,
    });
    expect(response.location).toContain('done=archived');
    const [row] = await db().select().from(dunningSteps).where(eq(dunningSteps.id, thirty.id));
    expect(row!.archivedAt).toBeInstanceOf(Date);
    expect((await liveSteps(policyId)).map((s) => s.offsetDays)).not.toContain(30);
    expect(
      (await eventsOf('dunning.step_removed')).find((e) => e.data.stepId === thirty.id)!.data,
    ).toMatchObject({
      archived: true,
    });
    const readded = await client.postForm(`/admin/dunning/${policyId}?lang=en`, step({ offsetDays: '30' }));
    expect(readded.status).toBe(302);
    // With history, the policy itself stays.
    const deleted = await client.postForm(`/admin/dunning/${policyId}?lang=en`, { csrf, intent: 'delete' });
    expect(deleted.status).toBe(409);
    expect(textOf(deleted.body)).toContain('already sent reminders');
  });
});

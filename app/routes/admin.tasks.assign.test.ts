import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, tasks } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { addDaysIso, todayIn } from '~/utils/dates';
import { createBusiness, createUser } from '../../test/factories';
import type { CreatedUser } from '../../test/factories/user';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import type { HttpClient } from '../../test/setup/http';
import { csrfOf, loginAs, textOf } from '../../test/support/admin-client';

let app: RunningApp;
let client: HttpClient;
let csrf: string;
let businessId: string;
let me: CreatedUser;
let colleague: CreatedUser;
const today = todayIn('Europe/Paris');

beforeAll(async () => {
  app = await startApp();
  businessId = (await createBusiness()).id;
  me = await createUser(businessId, { name: 'Claire Moi' });
  colleague = await createUser(businessId, { name: 'Hugo Collègue', role: 'staff' });
  client = await loginAs(app, me);
  csrf = await csrfOf(client, '/admin/tasks');
});
afterAll(() => app.stop());

async function task(title: string, dueOn: string, assigneeId: string | null = null) {
  const [row] = await db()
    .insert(tasks)
    .values({ businessId, kind: 'bounce', title, dueOn, assigneeId })
    .returning();
  return row!;
}

const assignedEvents = async (taskId: string) =>
  (
    await db()
      .select()
      .from(events)
      .where(and(eq(events.businessId, businessId), eq(events.type, 'task.assigned')))
  ).filter((e) => e.data.taskId === taskId);

describe('assigning a task', () => {
  it('gives it to a colleague once, then to nobody; a repeat changes nothing', async () => {
    const t = await task('Corriger l’adresse de Julie', today);
    const path = `/admin/tasks/${t.id}?lang=en`;
    const page = textOf((await client.get(path)).body);
    expect(page).toContain('Not assigned to anyone yet.');

    const first = await client.postForm(path, { csrf, intent: 'assign', assigneeId: colleague.id });
    expect(first.status).toBe(200);
    expect(textOf(first.body)).toContain('Task assigned to Hugo Collègue.');
    const again = await client.postForm(path, { csrf, intent: 'assign', assigneeId: colleague.id });
    expect(textOf(again.body)).toContain('The task was already assigned that way.');
    const [row] = await db().select().from(tasks).where(eq(tasks.id, t.id));
    expect(row!.assigneeId).toBe(colleague.id);
    expect(await assignedEvents(t.id)).toHaveLength(1);

    const none = await client.postForm(path, { csrf, intent: 'assign', assigneeId: '' });
    expect(textOf(none.body)).toContain('The task is no longer assigned to anyone.');
    const log = await assignedEvents(t.id);
    expect(log.map((e) => e.data.to)).toEqual(expect.arrayContaining([colleague.id, null]));
    expect(log).toHaveLength(2);
  });

  it('refuses someone of another business, or junk, writing nothing', async () => {
    const t = await task('Relancer', today);
    const stranger = await createUser((await createBusiness()).id);
    for (const assigneeId of [stranger.id, 'junk']) {
      const response = await client.postForm(`/admin/tasks/${t.id}`, { csrf, intent: 'assign', assigneeId });
      expect(response.status).toBe(400);
    }
    const [row] = await db().select().from(tasks).where(eq(tasks.id, t.id));
    expect(row!.assigneeId).toBeNull();
    expect(await assignedEvents(t.id)).toHaveLength(0);
  });

  it('refuses a task that is done', async () => {
    const t = await task('Déjà faite', today);
    await db().update(tasks).set({ status: 'done' }).where(eq(tasks.id, t.id));
    const response = await client.postForm(`/admin/tasks/${t.id}`, {
      csrf,
      intent: 'assign',
      assigneeId: me.id,
    });
    expect(response.status).toBe(409);
  });
});

describe('the task list’s views', () => {
  it('mine, due today and overdue each show just their tasks, with counts', async () => {
    const business = await createBusiness();
    const owner = await createUser(business.id, { name: 'Owner' });
    const other = await createUser(business.id, { name: 'Other' });
    const c = await loginAs(app, owner);
    const add = (title: string, dueOn: string, assigneeId: string | null) =>
      db().insert(tasks).values({ businessId: business.id, kind: 'call', title, dueOn, assigneeId });
    await add('Mine today', today, owner.id);
    await add('Mine late', addDaysIso(today, -1), owner.id);
    await add('Theirs later', addDaysIso(today, 3), other.id);
    await add('Nobody late', addDaysIso(today, -10), null);

    const titles = async (view: string) => {
      const body = (await c.get(`/admin/tasks?lang=en${view ? `&view=${view}` : ''}`)).body;
      return ['Mine today', 'Mine late', 'Theirs later', 'Nobody late'].filter((x) => body.includes(x));
    };
    expect(await titles('')).toEqual(['Mine today', 'Mine late', 'Theirs later', 'Nobody late']);
    expect(await titles('mine')).toEqual(['Mine today', 'Mine late']);
    expect(await titles('today')).toEqual(['Mine today']);
    expect(await titles('overdue')).toEqual(['Mine late', 'Nobody late']);
    expect(await titles('bogus')).toHaveLength(4);
    const text = textOf((await c.get('/admin/tasks?lang=en')).body);
    expect(text).toMatch(/All 4 Mine 2 Due today 1 Overdue 2/);
    expect(text).toContain('Other');
  });
});

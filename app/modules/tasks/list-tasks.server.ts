import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { customers, invoices, tasks, users } from '#db/schema/index';
import { creditedMinorSql, paidMinorSql } from '~/modules/invoices/balance.server';
import type { DbOrTx } from '~/utils/db.server';
import { TASK_KINDS, TASK_VIEWS, type TaskKind, type TaskView } from './task-kinds';

export const TASKS_LIMIT = 200;

export type TaskListRow = {
  id: string;
  kind: TaskKind;
  title: string;
  dueOn: string;
  customerName: string | null;
  invoiceId: string | null;
  invoiceNumber: string | null;
  currency: string | null;
  balanceMinor: number | null;
  assigneeId: string | null;
  assigneeName: string | null;
};

export function parseTaskView(params: URLSearchParams): TaskView {
  const view = params.get('view');
  return (TASK_VIEWS as readonly string[]).includes(view ?? '') ? (view as TaskView) : 'all';
}

function viewWhere(view: TaskView, userId: string, today: string): SQL | undefined {
  if (view === 'mine') return eq(tasks.assigneeId, userId);
  if (view === 'today') return eq(tasks.dueOn, today);
  if (view === 'overdue') return sql`${tasks.dueOn} < ${today}::date`;
  return undefined;
}

export function parseTaskKind(params: URLSearchParams): TaskKind | null {
  const kind = params.get('kind');
  return (TASK_KINDS as readonly string[]).includes(kind ?? '') ? (kind as TaskKind) : null;
}

/**
 * The business's open tasks, the most pressing first (due date, then age), with the invoice and customer each is
 * about, what is still owed and who has it, plus how many open tasks of each kind there are in the chosen view
 * and how many in each view (for the filters). `today` is the business's date.
 */
export async function listOpenTasks(
  db: DbOrTx,
  businessId: string,
  kind: TaskKind | null,
  filter: { view: TaskView; userId: string; today: string } = { view: 'all', userId: '', today: '' },
) {
  const viewed = viewWhere(filter.view, filter.userId, filter.today);
  const where: SQL[] = [eq(tasks.businessId, businessId), eq(tasks.status, 'open')];
  if (viewed) where.push(viewed);
  if (kind) where.push(eq(tasks.kind, kind));
  const id = sql`${invoices.id}`;
  const [rows, counts, views] = await Promise.all([
    db
      .select({
        id: tasks.id,
        kind: tasks.kind,
        title: tasks.title,
        dueOn: tasks.dueOn,
        customerName: customers.name,
        invoiceId: invoices.id,
        invoiceNumber: invoices.number,
        currency: invoices.currency,
        balanceMinor: sql<string | null>`CASE WHEN ${invoices.id} IS NULL THEN NULL
          ELSE greatest(0, ${invoices.totalMinor} - ${paidMinorSql(id)} - ${creditedMinorSql(id)}) END`,
        assigneeId: tasks.assigneeId,
        assigneeName: users.name,
      })
      .from(tasks)
      .leftJoin(invoices, eq(invoices.id, tasks.invoiceId))
      .leftJoin(customers, sql`${customers.id} = coalesce(${tasks.customerId}, ${invoices.customerId})`)
      .leftJoin(users, eq(users.id, tasks.assigneeId))
      .where(and(...where))
      .orderBy(asc(tasks.dueOn), asc(tasks.createdAt), asc(tasks.id))
      .limit(TASKS_LIMIT),
    db
      .select({ kind: tasks.kind, n: sql<number>`count(*)`.mapWith(Number) })
      .from(tasks)
      .where(and(eq(tasks.businessId, businessId), eq(tasks.status, 'open'), viewed))
      .groupBy(tasks.kind),
    db
      .select({
        all: sql<number>`count(*)`.mapWith(Number),
        mine: sql<number>`count(*) FILTER (WHERE ${tasks.assigneeId} = ${filter.userId || null}::uuid)`.mapWith(
          Number,
        ),
        today: sql<number>`count(*) FILTER (WHERE ${tasks.dueOn} = ${filter.today || null}::date)`.mapWith(
          Number,
        ),
        overdue: sql<number>`count(*) FILTER (WHERE ${tasks.dueOn} < ${filter.today || null}::date)`.mapWith(
          Number,
        ),
      })
      .from(tasks)
      .where(and(eq(tasks.businessId, businessId), eq(tasks.status, 'open'))),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, balanceMinor: r.balanceMinor === null ? null : Number(r.balanceMinor) })),
    counts: Object.fromEntries(counts.map((c) => [c.kind, c.n])) as Partial<Record<TaskKind, number>>,
    views: views[0] ?? { all: 0, mine: 0, today: 0, overdue: 0 },
  };
}

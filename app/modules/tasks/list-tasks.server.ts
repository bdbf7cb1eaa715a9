import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { customers, invoices, tasks } from '#db/schema/index';
import { creditedMinorSql, paidMinorSql } from '~/modules/invoices/balance.server';
import type { DbOrTx } from '~/utils/db.server';
import { TASK_KINDS, type TaskKind } from './task-kinds';

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
};

export function parseTaskKind(params: URLSearchParams): TaskKind | null {
  const kind = params.get('kind');
  return (TASK_KINDS as readonly string[]).includes(kind ?? '') ? (kind as TaskKind) : null;
}

/**
 * The business's open tasks, the most pressing first (due date, then age), with the invoice and customer each is
 * about and what is still owed, plus how many open tasks of each kind there are (for the filter).
 */
export async function listOpenTasks(db: DbOrTx, businessId: string, kind: TaskKind | null) {
  const where: SQL[] = [eq(tasks.businessId, businessId), eq(tasks.status, 'open')];
  if (kind) where.push(eq(tasks.kind, kind));
  const id = sql`${invoices.id}`;
  const [rows, counts] = await Promise.all([
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
      })
      .from(tasks)
      .leftJoin(invoices, eq(invoices.id, tasks.invoiceId))
      .leftJoin(customers, sql`${customers.id} = coalesce(${tasks.customerId}, ${invoices.customerId})`)
      .where(and(...where))
      .orderBy(asc(tasks.dueOn), asc(tasks.createdAt), asc(tasks.id))
      .limit(TASKS_LIMIT),
    db
      .select({ kind: tasks.kind, n: sql<number>`count(*)`.mapWith(Number) })
      .from(tasks)
      .where(and(eq(tasks.businessId, businessId), eq(tasks.status, 'open')))
      .groupBy(tasks.kind),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, balanceMinor: r.balanceMinor === null ? null : Number(r.balanceMinor) })),
    counts: Object.fromEntries(counts.map((c) => [c.kind, c.n])) as Partial<Record<TaskKind, number>>,
  };
}

import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { business, contacts, customers, disputes, invoices, promises, tasks, users } from '#db/schema/index';
import { isUuid } from '~/modules/dunning/ids';
import { invoiceLedger } from '~/modules/invoices/invoice-balance.server';
import type { DbOrTx } from '~/utils/db.server';
import { daysBetween } from '~/utils/dates';

/**
 * One task of the business with what the person working it needs: the invoice (number, what is owed, how late),
 * the customer's contacts with their phone numbers, the promise or dispute already on the invoice, and the
 * business's limit on promised dates. Null for an unknown id or another business's task.
 */
export async function loadTask(db: DbOrTx, businessId: string, taskId: string, today: string) {
  if (!isUuid(taskId)) return null;
  const [row] = await db
    .select({
      task: tasks,
      doneByName: users.name,
      promiseMaxDays: business.promiseMaxDays,
      timeZone: business.timeZone,
    })
    .from(tasks)
    .innerJoin(business, eq(business.id, tasks.businessId))
    .leftJoin(users, eq(users.id, tasks.doneBy))
    .where(and(eq(tasks.id, taskId), eq(tasks.businessId, businessId)));
  if (!row) return null;
  const { task } = row;

  const [invoice] = task.invoiceId
    ? await db
        .select({
          id: invoices.id,
          number: invoices.number,
          status: invoices.status,
          currency: invoices.currency,
          dueDate: invoices.dueDate,
          customerId: invoices.customerId,
        })
        .from(invoices)
        .where(and(eq(invoices.id, task.invoiceId), eq(invoices.businessId, businessId)))
    : [];
  const customerId = task.customerId ?? invoice?.customerId ?? null;
  const [customer] = customerId
    ? await db
        .select({ id: customers.id, name: customers.name, locale: customers.locale })
        .from(customers)
        .where(eq(customers.id, customerId))
    : [];
  const [people, ledger, promise, dispute] = await Promise.all([
    customer
      ? db
          .select({
            id: contacts.id,
            name: contacts.name,
            email: contacts.email,
            phone: contacts.phone,
            roles: contacts.roles,
          })
          .from(contacts)
          .where(eq(contacts.customerId, customer.id))
          .orderBy(asc(contacts.createdAt))
      : [],
    invoice ? invoiceLedger(db, invoice.id) : null,
    invoice
      ? db
          .select({ promisedDate: promises.promisedDate, source: promises.source })
          .from(promises)
          .where(and(eq(promises.invoiceId, invoice.id), eq(promises.status, 'active')))
          .then((r) => r[0] ?? null)
      : null,
    invoice
      ? db
          .select({ reason: disputes.reason, openedAt: disputes.openedAt })
          .from(disputes)
          .where(
            and(
              eq(disputes.invoiceId, invoice.id),
              inArray(disputes.status, ['waiting_for_us', 'waiting_for_them']),
            ),
          )
          .orderBy(desc(disputes.openedAt))
          .then((r) => (r[0] ? { reason: r[0].reason, openedAt: r[0].openedAt.toISOString() } : null))
      : null,
  ]);

  return {
    task: {
      id: task.id,
      kind: task.kind,
      title: task.title,
      dueOn: task.dueOn,
      status: task.status,
      outcome: task.outcome,
      notes: task.notes,
      doneAt: task.doneAt?.toISOString() ?? null,
      doneByName: row.doneByName,
      assigneeId: task.assigneeId,
    },
    invoice: invoice
      ? {
          id: invoice.id,
          number: invoice.number,
          status: invoice.status,
          currency: invoice.currency,
          dueDate: invoice.dueDate,
          balanceMinor: ledger?.balanceMinor ?? 0,
          daysLate: Math.max(0, daysBetween(invoice.dueDate, today)),
        }
      : null,
    customer: customer ?? null,
    contacts: people,
    activePromise: promise,
    openDispute: dispute,
    promiseMaxDays: row.promiseMaxDays,
    timeZone: row.timeZone,
  };
}

export type LoadedTask = NonNullable<Awaited<ReturnType<typeof loadTask>>>;

/** What the reminder-message tests share: a late invoice with the default ladder, and readers of what was queued. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { business, dunningSteps, emails } from '#db/schema/index';
import { ensureDefaultPolicy } from '~/modules/dunning/ensure-default-policy.server';
import { queueReminderEmail } from '~/modules/dunning/reminder-message.server';
import { db } from '~/utils/db.server';
import type { Locale } from '~/utils/i18n';
import { createBusiness, createCustomer, createIssuedInvoice, createPartlyPaidInvoice } from '../factories';

/** Intl puts narrow no-break spaces in French amounts; compare with whitespace collapsed. */
export const squash = (s: string) => s.replace(/\s+/g, ' ');
export const TOKEN_URL = /http:\/\/127\.0\.0\.1:3000\/i\/([A-Za-z0-9_-]{43})/;
export const ISSUE_DATE = '2026-10-01';
export const DUE_DATE = '2026-10-31'; // 30 days' terms

export type BusinessOverrides = Partial<typeof business.$inferInsert>;

/** An issued 1 650,00 € invoice due 31 October 2026, its customer in `locale`, and the default ladder's steps. */
export async function setup(
  locale: Locale,
  overrides: BusinessOverrides = {},
  opts: { paidMinor?: number } = {},
) {
  const seller = await createBusiness(overrides);
  const customer = await createCustomer(seller.id, { locale });
  const base = { businessId: seller.id, customerId: customer.id, issueDate: ISSUE_DATE };
  const invoice = opts.paidMinor
    ? await createPartlyPaidInvoice({ ...base, paidMinor: opts.paidMinor })
    : await createIssuedInvoice(base);
  expect(invoice.dueDate).toBe(DUE_DATE);
  const policyId = await ensureDefaultPolicy(db(), seller.id);
  const steps = await db().select().from(dunningSteps).where(eq(dunningSteps.policyId, policyId));
  const step = (offset: number) => steps.find((s) => s.offsetDays === offset)!;
  const billing = customer.contacts.find((c) => c.roles.includes('billing'))!;
  const payable = customer.contacts.find((c) => c.roles.includes('accounts_payable'))!;
  return { seller, customer, invoice, step, billing, payable };
}

export async function queue(
  invoiceId: string,
  step: Parameters<typeof queueReminderEmail>[1]['step'],
  asOf: string,
) {
  return db().transaction((tx) => queueReminderEmail(tx, { invoiceId, step, asOf }));
}

export async function emailById(id: string) {
  const [row] = await db().select().from(emails).where(eq(emails.id, id));
  return row!;
}

export async function count(
  table: 'emails' | 'invoice_links' | 'events' | 'tasks' | 'reminders',
): Promise<number> {
  const rows = await db().execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`,
  );
  return rows[0]!.n;
}

/** The text of a PDF, as poppler's pdftotext reads it. */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'reminder-'));
  try {
    const file = join(dir, 'letter.pdf');
    writeFileSync(file, pdf);
    return squash(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

import { and, count, eq } from 'drizzle-orm';
import { invoices } from '#db/schema/index';
import type { DbOrTx } from '~/utils/db.server';
import { env } from '~/utils/env.server';
import { mintStatementLink } from './statement-links.server';

/**
 * The statement link a reminder carries when the customer has more than one open invoice (so one visit can pay
 * them all). Minted per email, as invoice links are, since tokens are stored only hashed; a preview mints nothing
 * and shows a visible placeholder.
 */
export async function reminderStatementLink(
  tx: DbOrTx,
  customerId: string,
  opts: { preview?: boolean } = {},
): Promise<{ url: string; openInvoices: number } | null> {
  const [row] = await tx
    .select({ n: count() })
    .from(invoices)
    .where(and(eq(invoices.customerId, customerId), eq(invoices.status, 'open')));
  const openInvoices = row?.n ?? 0;
  if (openInvoices < 2) return null;
  const url = opts.preview ? `${env().APP_URL}/s/…` : (await mintStatementLink(tx, customerId)).url;
  return { url, openInvoices };
}

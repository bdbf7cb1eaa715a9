import { and, eq, isNull } from 'drizzle-orm';
import { contacts } from '#db/schema/index';
import type { DbOrTx } from '~/utils/db.server';

/**
 * Who receives an invoice's mail: billing contacts; accounts-payable contacts are copied (or receive it when there
 * is no billing contact). Addresses that bounced are left out until someone fixes them.
 */
export async function invoiceRecipients(
  tx: DbOrTx,
  customerId: string,
): Promise<{ to: string[]; cc: string[] }> {
  const rows = await tx
    .select({ email: contacts.email, roles: contacts.roles })
    .from(contacts)
    .where(and(eq(contacts.customerId, customerId), isNull(contacts.emailSuppressedAt)));
  const billing = unique(rows.filter((r) => r.roles.includes('billing')).map((r) => r.email));
  const payable = unique(rows.filter((r) => r.roles.includes('accounts_payable')).map((r) => r.email)).filter(
    (e) => !billing.includes(e),
  );
  return billing.length ? { to: billing, cc: payable } : { to: payable, cc: [] };
}

function unique(list: string[]): string[] {
  return [...new Set(list.map((e) => e.trim().toLowerCase()))];
}

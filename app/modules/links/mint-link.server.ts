import { invoiceLinks } from '#db/schema/index';
import type { DbOrTx } from '~/utils/db.server';
import { env } from '~/utils/env.server';
import { hashToken, newToken } from '~/utils/tokens.server';

/**
 * Creates a fresh private link for an invoice and returns its URL. The token exists only in the returned URL
 * (and the email that carries it); the database keeps its hash.
 */
export async function mintInvoiceLink(
  tx: DbOrTx,
  invoiceId: string,
  opts: { ttlDays?: number; now?: Date } = {},
): Promise<{ linkId: string; url: string; token: string }> {
  const token = newToken();
  const now = opts.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (opts.ttlDays ?? env().LINK_TTL_DAYS) * 86_400_000);
  const [row] = await tx
    .insert(invoiceLinks)
    .values({ invoiceId, tokenHash: hashToken(token), createdAt: now, expiresAt })
    .returning({ id: invoiceLinks.id });
  return { linkId: row!.id, url: invoiceUrl(token), token };
}

export function invoiceUrl(token: string): string {
  return `${env().APP_URL}/i/${token}`;
}

import { createHash } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { business, businessLogos } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import type { Db, DbOrTx } from '~/utils/db.server';
import { env } from '~/utils/env.server';

export const LOGO_MAX_BYTES = 512 * 1024;
/** The whole multipart request may be a little larger than the file; anything bigger is refused unread. */
export const LOGO_MAX_REQUEST_BYTES = LOGO_MAX_BYTES + 16 * 1024;

/**
 * Reads an oversized upload to its end without keeping it, so the keep-alive connection can carry the answer and
 * the next request; past 20 MiB the stream is cancelled (and the connection closed) instead.
 */
export async function discardBody(request: Request): Promise<void> {
  if (!request.body) return;
  const reader = request.body.getReader();
  for (let seen = 0; seen < 20 * 1024 * 1024;) {
    const { done, value } = await reader.read();
    if (done) return;
    seen += value.byteLength;
  }
  await reader.cancel();
}

/** PNG or JPEG judged by the file's first bytes, never by its name or the browser's claim. */
export function sniffLogo(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length > 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/**
 * Stores the logo and points the business's logo address at it (absolute, so emails can show it too; the hash in
 * the address lets it be cached for good). Recorded in the audit log with the address before and after.
 */
export async function saveLogo(
  db: Db,
  input: { businessId: string; bytes: Buffer; contentType: 'image/png' | 'image/jpeg'; actor: Actor },
): Promise<string> {
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const url = `${env().APP_URL}/logo/${input.businessId}/${sha256.slice(0, 16)}`;
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ logoUrl: business.logoUrl })
      .from(business)
      .where(eq(business.id, input.businessId))
      .for('update');
    const row = { contentType: input.contentType, bytes: input.bytes, sha256, updatedAt: new Date() };
    await tx
      .insert(businessLogos)
      .values({ businessId: input.businessId, ...row })
      .onConflictDoUpdate({ target: businessLogos.businessId, set: row });
    await tx.update(business).set({ logoUrl: url }).where(eq(business.id, input.businessId));
    await recordEvent(tx, {
      businessId: input.businessId,
      type: 'settings.logo_changed',
      actor: input.actor,
      data: {
        before: { logoUrl: before?.logoUrl ?? null },
        after: { logoUrl: url, bytes: input.bytes.length, type: input.contentType },
      },
    });
  });
  return url;
}

export async function removeLogo(db: Db, input: { businessId: string; actor: Actor }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ logoUrl: business.logoUrl })
      .from(business)
      .where(eq(business.id, input.businessId))
      .for('update');
    if (!before?.logoUrl) return false;
    await tx.delete(businessLogos).where(eq(businessLogos.businessId, input.businessId));
    await tx.update(business).set({ logoUrl: null }).where(eq(business.id, input.businessId));
    await recordEvent(tx, {
      businessId: input.businessId,
      type: 'settings.logo_removed',
      actor: input.actor,
      data: { before: { logoUrl: before.logoUrl }, after: { logoUrl: null } },
    });
    return true;
  });
}

/** The stored logo when `version` is the start of its hash (old addresses stop resolving when it changes). */
export async function loadLogo(db: DbOrTx, businessId: string, version: string) {
  if (!/^[0-9a-f-]{36}$/i.test(businessId) || !/^[0-9a-f]{16}$/.test(version)) return null;
  const [row] = await db
    .select({ contentType: businessLogos.contentType, bytes: businessLogos.bytes })
    .from(businessLogos)
    .where(and(eq(businessLogos.businessId, businessId), like(businessLogos.sha256, `${version}%`)));
  return row ?? null;
}

/** The business's current logo, for the documents that carry it (PDFs), or null when it has none. */
export async function logoBytes(db: DbOrTx, businessId: string): Promise<Buffer | null> {
  const [row] = await db
    .select({ bytes: businessLogos.bytes })
    .from(businessLogos)
    .where(eq(businessLogos.businessId, businessId));
  return row ? Buffer.from(row.bytes) : null;
}

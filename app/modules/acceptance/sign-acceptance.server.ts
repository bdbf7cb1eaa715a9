import { eq } from 'drizzle-orm';
import { acceptances } from '#db/schema/index';
import { recordEvent } from '~/modules/audit/record-event.server';
import { lockInvoice } from '~/modules/invoices/invoice-balance.server';
import type { Db } from '~/utils/db.server';
import type { Locale } from '~/utils/i18n';
import { queueAcceptanceSignedEmails } from './acceptance-emails.server';
import { acceptanceDigest, sha256Hex } from './evidence.server';
import { buildLetter, isSignable } from './letter.server';

export type SignInput = {
  invoiceId: string;
  locale: Locale;
  signerName: string;
  signerRole: string;
  /** Optional drawn signature, SVG path data in a 300 x 100 box. */
  signatureSvg: string | null;
  /** SHA-256 of the letter text the signer was shown: a letter changed since is not signed blind. */
  letterSha256: string;
  ip: string | null;
  userAgent: string | null;
  now?: Date;
};

export type SignResult =
  | { ok: true; acceptanceId: string; alreadySigned: boolean }
  | { ok: false; error: 'not_found' | 'not_signable' | 'letter_changed' };

/**
 * Signs an invoice's acceptance letter, once. In one transaction, behind the invoice row lock: re-build the letter
 * the signer saw (refused if it changed), store the evidence (signer, role, time, IP, user agent, exact text, invoice
 * snapshot and their SHA-256), record the event and queue the confirmation emails to both sides. A second or
 * concurrent submission finds the signature there and changes nothing (the unique invoice_id is the backstop).
 */
export async function signAcceptance(db: Db, input: SignInput): Promise<SignResult> {
  return db.transaction(async (tx) => {
    const invoice = await lockInvoice(tx, input.invoiceId);
    if (!invoice) return { ok: false, error: 'not_found' } as const;
    const [existing] = await tx
      .select({ id: acceptances.id })
      .from(acceptances)
      .where(eq(acceptances.invoiceId, invoice.id));
    if (existing) return { ok: true, acceptanceId: existing.id, alreadySigned: true } as const;
    const letter = await buildLetter(tx, invoice.id, input.locale);
    if (!letter || !isSignable(letter)) return { ok: false, error: 'not_signable' } as const;
    if (sha256Hex(letter.text) !== input.letterSha256) return { ok: false, error: 'letter_changed' } as const;

    const signedAt = input.now ?? new Date();
    const [row] = await tx
      .insert(acceptances)
      .values({
        invoiceId: invoice.id,
        signerName: input.signerName,
        signerRole: input.signerRole,
        signedAt,
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 512) ?? null,
        locale: input.locale,
        letterText: letter.text,
        invoiceSnapshot: letter.snapshot,
        sha256: acceptanceDigest(letter.text, letter.snapshot),
        signatureSvg: input.signatureSvg,
      })
      .onConflictDoNothing({ target: acceptances.invoiceId })
      .returning({ id: acceptances.id, sha256: acceptances.sha256 });
    if (!row) {
      const [other] = await tx
        .select({ id: acceptances.id })
        .from(acceptances)
        .where(eq(acceptances.invoiceId, invoice.id));
      return { ok: true, acceptanceId: other!.id, alreadySigned: true } as const;
    }
    await recordEvent(tx, {
      businessId: invoice.businessId,
      invoiceId: invoice.id,
      customerId: invoice.customerId,
      type: 'acceptance.signed',
      actor: { type: 'debtor', ip: input.ip, userAgent: input.userAgent },
      data: {
        acceptanceId: row.id,
        signerName: input.signerName,
        signerRole: input.signerRole,
        sha256: row.sha256,
        locale: input.locale,
        drawn: Boolean(input.signatureSvg),
      },
      dedupeKey: `acceptance-signed:${row.id}`,
    });
    await queueAcceptanceSignedEmails(tx, row.id);
    return { ok: true, acceptanceId: row.id, alreadySigned: false } as const;
  });
}

/** What the acceptance and dispute tests share: invoices whose letter may be signed, and signing it as a debtor would. */
import { eq } from 'drizzle-orm';
import { acceptances, events } from '#db/schema/index';
import { sha256Hex } from '~/modules/acceptance/evidence.server';
import { buildLetter } from '~/modules/acceptance/letter.server';
import { requestAcceptance } from '~/modules/acceptance/request-acceptance.server';
import { signAcceptance, type SignInput } from '~/modules/acceptance/sign-acceptance.server';
import { db, type Db } from '~/utils/db.server';
import type { Locale } from '~/utils/i18n';
import { createDraftInvoice, createIssuedInvoice, type InvoiceOptions } from '../factories';

const system = { type: 'system' } as const;

/** An issued invoice that requires a signed acceptance letter. */
export function createInvoiceToAccept(options: InvoiceOptions = {}) {
  return createIssuedInvoice({ purchaseOrder: 'BC-2026-042', ...options, acceptanceRequired: true });
}

/** A draft whose letter the business asked to be signed before issuing it. */
export async function createDraftAwaitingAcceptance(options: InvoiceOptions = {}) {
  const draft = await createDraftInvoice(options);
  const requested = await requestAcceptance(db(), {
    businessId: draft.businessId,
    invoiceId: draft.invoiceId,
    deliveryDate: '2026-06-12',
    actor: system,
  });
  if (!requested.ok) throw new Error(`requestAcceptance: ${requested.error}`);
  return draft;
}

/** Signs as the debtor would, with the letter as the page shows it now. */
export async function sign(
  invoiceId: string,
  overrides: Partial<SignInput> = {},
  database: Db = db(),
  locale: Locale = 'fr',
) {
  const letter = await buildLetter(db(), invoiceId, locale);
  return signAcceptance(database, {
    invoiceId,
    locale,
    signerName: 'Julie Petit',
    signerRole: 'Gérante',
    signatureSvg: null,
    letterSha256: sha256Hex(letter!.text),
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (test phone)',
    ...overrides,
  });
}

export async function acceptancesOf(invoiceId: string) {
  return db().select().from(acceptances).where(eq(acceptances.invoiceId, invoiceId));
}

export async function eventTypes(invoiceId: string): Promise<string[]> {
  const rows = await db().select({ type: events.type }).from(events).where(eq(events.invoiceId, invoiceId));
  return rows.map((r) => r.type).filter((t) => t !== 'invoice.viewed');
}

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emails, events, invoiceLinks } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { hashToken } from '~/utils/tokens.server';
import { createDraftInvoice, createIssuedInvoice, createPartlyPaidInvoice } from '../../../test/factories';
import { mintInvoiceLink } from './mint-link.server';
import { rotateInvoiceLink } from './rotate-link.server';

const system = { type: 'system' } as const;

describe('rotateInvoiceLink', () => {
  it('revokes every live link and mints one, recording link.rotated', async () => {
    const invoice = await createIssuedInvoice();
    await mintInvoiceLink(db(), invoice.invoiceId);
    const result = await rotateInvoiceLink(db(), {
      businessId: invoice.businessId,
      invoiceId: invoice.invoiceId,
      actor: system,
    });
    expect(result).toMatchObject({ ok: true, revoked: 2, emailed: false });
    if (!result.ok) return;
    const links = await db().select().from(invoiceLinks).where(eq(invoiceLinks.invoiceId, invoice.invoiceId));
    const live = links.filter((l) => !l.revokedAt);
    expect(live).toHaveLength(1);
    expect(live[0]!.id).toBe(result.linkId);
    expect(live[0]!.tokenHash).toBe(hashToken(result.url.split('/i/')[1]!));
    const rotated = (await db().select().from(events).where(eq(events.invoiceId, invoice.invoiceId))).filter(
      (e) => e.type === 'link.rotated',
    );
    expect(rotated).toHaveLength(1);
    expect(rotated[0]!.data).toEqual({ linkId: result.linkId, revoked: 2, emailed: false });
  });

  it('emails the new link (with the balance) once per link when asked', async () => {
    const invoice = await createPartlyPaidInvoice();
    const result = await rotateInvoiceLink(db(), {
      businessId: invoice.businessId,
      invoiceId: invoice.invoiceId,
      actor: system,
      sendEmail: true,
    });
    expect(result).toMatchObject({ ok: true, emailed: true });
    if (!result.ok) return;
    const [mail] = (await db().select().from(emails).where(eq(emails.invoiceId, invoice.invoiceId))).filter(
      (m) => m.dedupeKey === `invoice-link:${result.linkId}`,
    );
    expect(mail?.template).toBe('invoice-issued');
    expect(mail?.text).toContain(result.url);
    expect(mail?.text.replace(/\s+/g, ' ')).toContain('990,00');
  });

  it('refuses a draft and another business’s invoice, changing nothing', async () => {
    const draft = await createDraftInvoice();
    expect(
      await rotateInvoiceLink(db(), {
        businessId: draft.businessId,
        invoiceId: draft.invoiceId,
        actor: system,
      }),
    ).toEqual({
      ok: false,
      error: 'draft',
    });
    const issued = await createIssuedInvoice();
    expect(
      await rotateInvoiceLink(db(), {
        businessId: draft.businessId,
        invoiceId: issued.invoiceId,
        actor: system,
      }),
    ).toEqual({
      ok: false,
      error: 'not_found',
    });
    const links = await db().select().from(invoiceLinks).where(eq(invoiceLinks.invoiceId, issued.invoiceId));
    expect(links.every((l) => !l.revokedAt)).toBe(true);
  });
});

import { and, eq, like } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { emails } from '#db/schema/index';
import { issueInvoice } from '~/modules/invoices/issue-invoice.server';
import { renderAttachment } from '~/modules/email/attachments.server';
import { db } from '~/utils/db.server';
import { createIssuedInvoice } from '../../../test/factories';
import {
  acceptancesOf,
  createDraftAwaitingAcceptance,
  createInvoiceToAccept,
  eventTypes,
  sign,
} from '../../../test/support/acceptance';
import { secondConnection } from '../../../test/support/dunning';
import { renderAcceptancePdf } from './acceptance-pdf.server';
import { acceptanceDigest, canonicalJson } from './evidence.server';

async function emailsOf(invoiceId: string, template: string) {
  return db()
    .select()
    .from(emails)
    .where(and(eq(emails.invoiceId, invoiceId), like(emails.template, template)));
}

describe('signing the acceptance letter', () => {
  test('stores the evidence, records the event and emails both sides', async () => {
    const invoice = await createInvoiceToAccept();
    const signed = await sign(invoice.invoiceId);
    expect(signed).toMatchObject({ ok: true, alreadySigned: false });
    const [row] = await acceptancesOf(invoice.invoiceId);
    expect(row).toMatchObject({
      signerName: 'Julie Petit',
      signerRole: 'Gérante',
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0 (test phone)',
      locale: 'fr',
    });
    expect(row!.letterText).toContain('Procès-verbal de réception');
    expect(row!.letterText).toContain('BC-2026-042');
    expect(row!.letterText).toContain('- Conception graphique (1 forfait)');
    expect(row!.letterText).toContain(invoice.number);
    expect(await eventTypes(invoice.invoiceId)).toContain('acceptance.signed');
    const debtorMail = await emailsOf(invoice.invoiceId, 'acceptance-signed');
    const businessMail = await emailsOf(invoice.invoiceId, 'acceptance-signed-business');
    expect(debtorMail).toHaveLength(1);
    expect(businessMail).toHaveLength(1);
    expect(debtorMail[0]!.attachments).toEqual([
      {
        filename: `proces-verbal-reception-${invoice.number}.pdf`,
        kind: 'acceptance-letter',
        refId: row!.id,
      },
    ]);
    const pdf = await renderAttachment(db(), debtorMail[0]!.attachments![0]!, invoice.businessId, 'fr');
    expect(pdf!.subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('twice, or five times at once from two servers: one signature, the first, and one event', async () => {
    const invoice = await createInvoiceToAccept();
    const other = secondConnection();
    try {
      const results = await Promise.all(
        [0, 1, 2, 3, 4].map((i) =>
          sign(invoice.invoiceId, { signerName: `Signer ${i}` }, i % 2 ? other.db : db()),
        ),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      expect(results.filter((r) => r.ok && !r.alreadySigned)).toHaveLength(1);
      const again = await sign(invoice.invoiceId, { signerName: 'Someone Else', signerRole: 'Intern' });
      expect(again).toMatchObject({ ok: true, alreadySigned: true });
    } finally {
      await other.close();
    }
    const rows = await acceptancesOf(invoice.invoiceId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.signerName).toMatch(/^Signer \d$/);
    expect((await eventTypes(invoice.invoiceId)).filter((t) => t === 'acceptance.signed')).toHaveLength(1);
    expect(await emailsOf(invoice.invoiceId, 'acceptance-signed%')).toHaveLength(2);
  });

  test('the stored SHA-256 recomputes from the stored text and snapshot, and any change breaks it', async () => {
    const invoice = await createInvoiceToAccept();
    await sign(invoice.invoiceId);
    const [row] = await acceptancesOf(invoice.invoiceId);
    // Read back from jsonb (keys reordered by Postgres): canonical JSON makes the digest independent of that.
    expect(acceptanceDigest(row!.letterText, row!.invoiceSnapshot)).toBe(row!.sha256);
    const snapshot = row!.invoiceSnapshot as { totalMinor: number; lines: unknown[] };
    expect(snapshot.totalMinor).toBe(invoice.totalMinor);
    expect(snapshot.lines).toHaveLength(2);
    expect(acceptanceDigest(`${row!.letterText} `, row!.invoiceSnapshot)).not.toBe(row!.sha256);
    expect(acceptanceDigest(row!.letterText, { ...snapshot, totalMinor: 1 })).not.toBe(row!.sha256);
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
    // The evidence is append-only: the database refuses to change it.
    const refused = await db()
      .execute(`UPDATE acceptances SET signer_name = 'X' WHERE id = '${row!.id}'`)
      .catch((error: { cause?: Error }) => error.cause?.message);
    expect(refused).toMatch(/append-only/);
  });

  test('a letter changed since it was shown, or not asked for, is not signed; nothing is written', async () => {
    const invoice = await createInvoiceToAccept();
    expect(await sign(invoice.invoiceId, { letterSha256: 'f'.repeat(64) })).toEqual({
      ok: false,
      error: 'letter_changed',
    });
    const notRequired = await createIssuedInvoice();
    expect(await sign(notRequired.invoiceId)).toEqual({ ok: false, error: 'not_signable' });
    expect(await acceptancesOf(invoice.invoiceId)).toHaveLength(0);
    expect(await eventTypes(invoice.invoiceId)).not.toContain('acceptance.signed');
  });

  test('signed before issuing: the issued invoice goes out with the signed copy attached', async () => {
    const draft = await createDraftAwaitingAcceptance();
    expect(await emailsOf(draft.invoiceId, 'acceptance-requested')).toHaveLength(1);
    expect(await sign(draft.invoiceId, {}, undefined, 'en')).toMatchObject({ ok: true });
    const [row] = await acceptancesOf(draft.invoiceId);
    expect(row!.letterText).toContain('to be issued');
    expect(row!.letterText).toContain('12 June 2026');
    const issued = await issueInvoice(db(), {
      businessId: draft.businessId,
      invoiceId: draft.invoiceId,
      actor: { type: 'system' },
    });
    expect(issued.status).toBe('issued');
    const [mail] = await emailsOf(draft.invoiceId, 'invoice-issued');
    expect(mail!.attachments).toEqual([
      expect.objectContaining({ kind: 'acceptance-letter', refId: row!.id }),
    ]);
    const pdf = await renderAcceptancePdf(db(), { invoiceId: draft.invoiceId }, 'fr');
    expect(pdf!.pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

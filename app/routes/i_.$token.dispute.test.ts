import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { disputes, invoiceLines } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { createIssuedInvoice, createPaidInvoice } from '../../test/factories';
import { textOf } from '../../test/support/admin-client';
import { acceptancesOf, createInvoiceToAccept } from '../../test/support/acceptance';
import { fieldError } from '../../test/support/form-errors';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import { createClient, csrfFrom } from '../../test/setup/http';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.stop());

/** Rows of every table a dispute or signature writes: bad input must leave them all as they were. */
async function writes() {
  const [row] = await db().execute<Record<string, number>>(sql`SELECT
    (SELECT count(*)::int FROM disputes) AS disputes, (SELECT count(*)::int FROM dispute_messages) AS messages,
    (SELECT count(*)::int FROM dispute_lines) AS lines, (SELECT count(*)::int FROM acceptances) AS acceptances,
    (SELECT count(*)::int FROM emails) AS emails, (SELECT count(*)::int FROM tasks) AS tasks,
    (SELECT count(*)::int FROM events WHERE type <> 'invoice.viewed') AS events`);
  return row;
}

async function linesOf(invoiceId: string) {
  const rows = await db().select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId));
  return rows.sort((a, b) => a.position - b.position).map((l) => l.id);
}

async function page(token: string, path: 'dispute' | 'accept', lang: 'fr' | 'en') {
  const client = createClient(app.url);
  const res = await client.get(`/i/${token}/${path}?lang=${lang}`);
  expect(res.status, res.body).toBe(200);
  const csrf = csrfFrom(res.body);
  const post = (fields: [string, string][] | Record<string, string>) =>
    client.postForm(`/i/${token}/${path}?lang=${lang}`, [
      ['csrf', csrf],
      ...(Array.isArray(fields) ? fields : Object.entries(fields)),
    ]);
  /** The same browser (cookie and form token) posting to another link's page. */
  const postTo = (otherToken: string, fields: Record<string, string>) =>
    client.postForm(`/i/${otherToken}/${path}?lang=${lang}`, [['csrf', csrf], ...Object.entries(fields)]);
  return { client, res, post, postTo };
}

const MESSAGES = {
  fr: {
    reason: 'Choisissez un motif.',
    message: 'Écrivez un message pour expliquer le problème.',
    long: 'Le message ne peut dépasser 5000 caractères (il en fait 100000).',
    lines: 'Ces lignes ne font pas partie de cette facture : rechargez la page.',
    paid: 'Cette facture est réglée : il n’y a plus rien à contester. Écrivez-nous si besoin.',
    notFound: 'Cette contestation ne concerne pas cette facture.',
    name: 'Indiquez votre nom et prénom.',
    consent: 'Cochez la case pour confirmer que vous signez ce texte.',
  },
  en: {
    reason: 'Choose a reason.',
    message: 'Write a message explaining the problem.',
    long: 'The message cannot be longer than 5000 characters (it has 100000).',
    lines: 'These lines are not part of this invoice: please reload the page.',
    paid: 'This invoice is paid: there is nothing left to dispute. Write to us if needed.',
    notFound: 'This dispute is not about this invoice.',
    name: 'Enter your full name.',
    consent: 'Tick the box to confirm you sign this text.',
  },
} as const;

describe('raising a dispute on /i/<token>/dispute', () => {
  test('on one line: the thread shows, the main page says so plainly, and the rest stays payable', async () => {
    const invoice = await createIssuedInvoice();
    const [first] = await linesOf(invoice.invoiceId);
    const { post, client } = await page(invoice.token, 'dispute', 'fr');
    const res = await post([
      ['intent', 'open'],
      ['scope', 'lines'],
      ['lineIds', first!],
      ['reason', 'not_as_described'],
      ['message', 'Le logo n’est pas celui validé.'],
    ]);
    expect(res.status, res.body).toBe(200);
    expect(textOf(res.body)).toContain('Votre contestation est envoyée');
    const thread = await client.get(`/i/${invoice.token}/dispute?lang=fr`);
    expect(textOf(thread.body)).toContain('En attente de la réponse de');
    expect(textOf(thread.body)).toContain('Le logo n’est pas celui validé.');
    const main = textOf((await client.get(`/i/${invoice.token}?lang=fr`)).body).replace(
      /[\u00a0\u202f]/g,
      ' ',
    );
    // 1 200,00 € excl. tax at 20 % is disputed; the flyers (210,00 €) stay payable.
    expect(main).toContain('1 440,00 € contesté(s)');
    expect(main).toContain('Montant 210,00 €');
  });

  test.each(['fr', 'en'] as const)(
    'bad input in %s: a clear message beside the field, a 4xx, nothing written, never a 500',
    async (lang) => {
      const m = MESSAGES[lang];
      const invoice = await createIssuedInvoice();
      const other = await createIssuedInvoice({ businessId: invoice.businessId });
      const paid = await createPaidInvoice({ businessId: invoice.businessId });
      const before = await writes();
      const { post, postTo } = await page(invoice.token, 'dispute', lang);
      const base = { intent: 'open', scope: 'invoice', reason: 'other', message: 'Un problème.' };

      const noReason = await post({ ...base, reason: '', message: '' });
      expect(noReason.status).toBe(400);
      expect(fieldError(noReason.body, 'reason', { group: true })).toBe(m.reason);
      expect(fieldError(noReason.body, 'message')).toBe(m.message);

      const long = await post({ ...base, message: 'x'.repeat(100_000) });
      expect(long.status).toBe(400);
      expect(fieldError(long.body, 'message')).toBe(m.long);

      const foreign = await post([
        ...Object.entries({ ...base, scope: 'lines' }),
        ['lineIds', (await linesOf(other.invoiceId))[0]!],
      ]);
      expect(foreign.status).toBe(400);
      expect(fieldError(foreign.body, 'lineIds', { group: true })).toBe(m.lines);

      const onPaid = await postTo(paid.token, base);
      expect(onPaid.status).toBe(409);
      expect(textOf(/role="alert"[^>]*>([\s\S]*?)<\/p>/.exec(onPaid.body)![1]!)).toBe(m.paid);

      // A message into another invoice's dispute, through this invoice's link.
      await db()
        .insert(disputes)
        .values({ invoiceId: other.invoiceId, reason: 'other', amountMinor: 100, scope: 'invoice' });
      const [theirs] = await db().select().from(disputes).where(eq(disputes.invoiceId, other.invoiceId));
      const before2 = await writes();
      const crossed = await post({ intent: 'message', disputeId: theirs!.id, body: 'Bonjour' });
      expect(crossed.status).toBe(404);
      // This link's page has no thread to reply in: the message is shown above, where the form would be.
      expect(textOf(/role="alert"[^>]*>([\s\S]*?)<\/p>/.exec(crossed.body)![1]!)).toBe(m.notFound);
      expect(await writes()).toEqual(before2);
      expect({ ...before2, disputes: before2!.disputes! - 1 }).toEqual(before);
    },
  );

  test('without the form token or from another origin: refused before anything is read', async () => {
    const invoice = await createIssuedInvoice();
    const client = createClient(app.url);
    const noCsrf = await client.postForm(`/i/${invoice.token}/dispute`, { intent: 'open' });
    expect(noCsrf.status).toBe(403);
    const { post } = await page(invoice.token, 'dispute', 'fr');
    expect((await post({ intent: 'open' })).status).toBe(400);
    const forged = await createClient(app.url).postForm(
      `/i/${invoice.token}/dispute`,
      { intent: 'open' },
      { origin: 'https://evil.example' },
    );
    expect(forged.status).toBe(403);
  });
});

describe('signing on /i/<token>/accept', () => {
  test.each(['fr', 'en'] as const)(
    'in %s: bad input is refused beside the field; a good one signs once',
    async (lang) => {
      const m = MESSAGES[lang];
      const invoice = await createInvoiceToAccept();
      const { post, res, client } = await page(invoice.token, 'accept', lang);
      const sha = /name="letterSha256" value="([0-9a-f]{64})"/.exec(res.body)![1]!;
      const before = await writes();
      const empty = await post({ intent: 'sign', letterSha256: sha, signerName: '  ', signerRole: 'CFO' });
      expect(empty.status).toBe(400);
      expect(fieldError(empty.body, 'signerName')).toBe(m.name);
      expect(fieldError(empty.body, 'consent')).toBe(m.consent);
      expect(await writes()).toEqual(before);

      const good = {
        intent: 'sign',
        letterSha256: sha,
        signerName: 'Ada Lovelace',
        signerRole: 'CFO',
        consent: 'on',
      };
      const signed = await post(good);
      expect(signed.status).toBe(302);
      expect(signed.location).toContain('signed=now');
      const again = await post({ ...good, signerName: 'Someone Else' });
      expect(again.status).toBe(302);
      expect(again.location).toContain('signed=already');
      const rows = await acceptancesOf(invoice.invoiceId);
      expect(rows.map((r) => [r.signerName, r.ip])).toEqual([['Ada Lovelace', '127.0.0.1']]);
      const pdf = await client.get(`/i/${invoice.token}/letter.pdf?lang=${lang}`);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      // Another invoice's link reaches only its own (unsigned) letter.
      const other = await createIssuedInvoice({ businessId: invoice.businessId });
      expect((await client.get(`/i/${other.token}/letter.pdf`)).status).toBe(404);
    },
  );
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import { business, contacts, disputes, dunningSteps, emails, invoiceLinks } from '#db/schema/index';
import {
  createBusiness,
  createCustomer,
  createIssuedInvoice,
  createPartlyPaidInvoice,
} from '../../../test/factories';
import { renderAttachment } from '~/modules/email/attachments.server';
import { recordOfflinePayment } from '~/modules/payments/record-offline-payment.server';
import { addDaysIso } from '~/utils/dates';
import { db } from '~/utils/db.server';
import type { Locale } from '~/utils/i18n';
import { hashToken } from '~/utils/tokens.server';
import { DEFAULT_LADDER } from './default-ladder';
import { ensureDefaultPolicy } from './ensure-default-policy.server';
import { previewReminder, queueReminderEmail } from './reminder-message.server';

const dir = mkdtempSync(join(tmpdir(), 'reminder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Intl puts narrow no-break spaces in French amounts; compare with whitespace collapsed. */
const squash = (s: string) => s.replace(/\s+/g, ' ');
const TOKEN_URL = /http:\/\/127\.0\.0\.1:3000\/i\/([A-Za-z0-9_-]{43})/;
const ISSUE_DATE = '2026-10-01';
const DUE_DATE = '2026-10-31'; // 30 days' terms

type BusinessOverrides = Partial<typeof business.$inferInsert>;

/** An issued 1 650,00 € invoice due 31 October 2026, its customer in `locale`, and the default ladder's steps. */
async function setup(locale: Locale, overrides: BusinessOverrides = {}, opts: { paidMinor?: number } = {}) {
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

async function queue(
  invoiceId: string,
  step: Parameters<typeof queueReminderEmail>[1]['step'],
  asOf: string,
) {
  return db().transaction((tx) => queueReminderEmail(tx, { invoiceId, step, asOf }));
}

async function emailById(id: string) {
  const [row] = await db().select().from(emails).where(eq(emails.id, id));
  return row!;
}

async function count(table: 'emails' | 'invoice_links' | 'events' | 'tasks' | 'reminders'): Promise<number> {
  const rows = await db().execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`,
  );
  return rows[0]!.n;
}

function pdfText(pdf: Buffer): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return squash(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
}

const expected = {
  fr: {
    amount: '1 650,00 €',
    dueDate: '31 octobre 2026',
    dueBy: 'À régler au plus tard le 31 octobre 2026',
    late: (days: number) => `En retard de ${days} jour${days > 1 ? 's' : ''}`,
    penaltyTitle: 'Pénalités de retard à ce jour',
    rate: '12,15 % par an (taux BCE 2,15 % + 10 points)',
    indemnity: '40,00 €',
    // 30 days: 165,000 * 0.1215 * 30 / 365 = 1647.58 cents; 45 days: 2471.61 cents (2026 is a common year)
    penalties: { 30: ['16,48 €', '56,48 €'], 45: ['24,72 €', '64,72 €'] } as Record<number, [string, string]>,
    payButton: 'Régler',
    notice: 'Mise en demeure jointe',
    deadline: '23 décembre 2026',
    filename: (n: string) => `mise-en-demeure-${n}.pdf`,
  },
  en: {
    amount: '€1,650.00',
    dueDate: '31 October 2026',
    dueBy: 'Due by 31 October 2026',
    late: (days: number) => `${days} day${days > 1 ? 's' : ''} late`,
    penaltyTitle: 'Late-payment penalties to date',
    rate: '12.15% a year (ECB rate 2.15% + 10 points)',
    indemnity: '€40.00',
    penalties: { 30: ['€16.48', '€56.48'], 45: ['€24.72', '€64.72'] } as Record<number, [string, string]>,
    payButton: 'Pay',
    notice: 'Formal notice attached',
    deadline: '23 December 2026',
    filename: (n: string) => `formal-notice-${n}.pdf`,
  },
} as const;

const mailSteps = DEFAULT_LADDER.filter((s) => s.channel === 'email' || s.channel === 'letter');

describe.each(['fr', 'en'] as const)('every default reminder in %s, for a real invoice', (locale) => {
  const x = expected[locale];

  test.each(mailSteps.map((s) => [s.offsetDays, s.channel] as const))(
    'step %i (%s): the minted link, the amount, the dates and what may be claimed',
    async (offset) => {
      const { invoice, step, billing, payable, seller } = await setup(locale);
      const asOf = addDaysIso(DUE_DATE, offset);
      const linksBefore = await db()
        .select()
        .from(invoiceLinks)
        .where(eq(invoiceLinks.invoiceId, invoice.invoiceId));

      const result = await queue(invoice.invoiceId, step(offset), asOf);
      expect(result).toHaveProperty('emailId');
      if (!('emailId' in result)) return;
      const mail = await emailById(result.emailId);
      const text = squash(mail.text);
      const html = squash(mail.html);

      expect(mail.dedupeKey).toBe(`reminder:${invoice.invoiceId}:${step(offset).id}`);
      expect(mail.locale).toBe(locale);
      expect(mail.to).toEqual([billing.email]);
      expect(mail.cc).toEqual([payable.email]);
      expect(mail.subject).toContain(invoice.number);
      expect(mail.html).toContain(`lang="${locale}"`);

      // A link of its own, to this invoice: the token's hash is the new invoice_links row.
      const token = TOKEN_URL.exec(mail.text)?.[1];
      expect(token).toBeDefined();
      expect(token).not.toBe(invoice.token);
      const [link] = await db()
        .select()
        .from(invoiceLinks)
        .where(eq(invoiceLinks.tokenHash, hashToken(token!)));
      expect(link?.invoiceId).toBe(invoice.invoiceId);
      expect(linksBefore.some((l) => l.id === link!.id)).toBe(false);
      const url = `http://127.0.0.1:3000/i/${token}`;
      expect(mail.html).toContain(`href="${url}#pay"`);

      for (const part of [text, html]) {
        expect(part).toContain(invoice.number);
        expect(part).toContain(x.amount);
        expect(part).toContain(x.dueDate);
        expect(part).toContain(offset > 0 ? x.late(offset) : x.dueBy);
        expect(part).toContain(seller.name);
        expect(part).toContain(seller.siren!);
      }
      expect(text).toContain(`${x.payButton} `);

      const penalties = x.penalties[offset];
      if (penalties) {
        const [interest, total] = penalties;
        for (const part of [text, html]) {
          expect(part).toContain(x.penaltyTitle);
          expect(part).toContain(x.rate);
          expect(part).toContain(interest);
          expect(part).toContain(x.indemnity);
          expect(part).toContain(total);
        }
      } else {
        expect(text).not.toContain(x.penaltyTitle);
      }

      if (step(offset).channel === 'letter') {
        const filename = x.filename(invoice.number);
        expect(mail.attachments).toEqual([
          { filename, kind: 'formal-notice', refId: `${invoice.invoiceId}:${asOf}:165000` },
        ]);
        expect(text).toContain(x.notice);
        expect(text).toContain(filename);
        expect(text).toContain(x.deadline);
        // No promise or dispute once formally notified; paying stays one click away.
        expect(mail.html).not.toContain('#promise');
        expect(mail.html).not.toContain('#dispute');
      } else {
        expect(mail.attachments).toBeNull();
      }
    },
  );
});

describe('the formal notice letter', () => {
  test.each([
    [
      'fr',
      [
        'LETTRE DE MISE EN DEMEURE',
        'Lyon, le 15 décembre 2026',
        'Objet : mise en demeure de payer – facture n°',
        'arrivée à échéance le 31 octobre 2026, demeure impayée à ce jour pour un montant de 1 650,00 €',
        'au plus tard le 23 décembre 2026, soit dans un délai de huit jours',
        'la somme de 1 714,72 €',
        'Principal restant dû',
        // A wrapped label: its second line comes after the amount in the layout.
        'Pénalités de retard au taux de 12,15 % l’an, du 1 novembre 2026 au 15 décembre 24,72 € 2026 (45 jours)',
        'Indemnité forfaitaire pour frais de recouvrement (art. D441-5 du Code de commerce) 40,00 €',
        'Total à régler 1 714,72 €',
        'article L441-10 du Code de commerce',
        'articles L441-10 et D441-5',
        'vaut mise en demeure au sens de l’article 1344 du Code civil',
        'À défaut de règlement dans ce délai, nous engagerons sans autre avis une procédure de recouvrement',
        '3 place Bellecour 69002 Lyon',
      ],
    ],
    [
      'en',
      [
        'LETTER OF FORMAL NOTICE',
        'Lyon, 15 December 2026',
        'Subject: formal notice to pay – invoice no.',
        'remains unpaid to date in the amount of €1,650.00',
        'by 23 December 2026 at the latest, that is within eight days',
        'the sum of €1,714.72',
        'Late-payment penalties at 12.15% a year, from 1 November 2026 to 15 December €24.72 2026 (45 days)',
        'Fixed indemnity for recovery costs (French Commercial Code, art. D441-5) €40.00',
        'Total to pay €1,714.72',
        'article L441-10 of the French Commercial Code',
        'article 1344 of the French Civil Code',
        'Failing payment within this period',
      ],
    ],
  ] as const)(
    'in %s, states the claim, its legal basis, the deadline and the consequence',
    async (locale, lines) => {
      const { invoice, step, seller } = await setup(locale);
      const result = await queue(invoice.invoiceId, step(45), addDaysIso(DUE_DATE, 45));
      if (!('emailId' in result)) throw new Error('not queued');
      const mail = await emailById(result.emailId);
      const pdf = await renderAttachment(db(), mail.attachments![0]!, seller.id, locale);
      expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(pdf!);
      for (const line of [...lines, invoice.number, seller.name, seller.siren!]) expect(text).toContain(line);

      // Another business cannot render it, and a forged reference renders nothing.
      const other = await createBusiness();
      expect(await renderAttachment(db(), mail.attachments![0]!, other.id, locale)).toBeNull();
      const forged = { ...mail.attachments![0]!, refId: `${invoice.invoiceId}:nope` };
      expect(await renderAttachment(db(), forged, seller.id, locale)).toBeNull();
    },
  );

  test('claims what the email claimed even when a payment arrives before delivery', async () => {
    const { invoice, step, seller } = await setup('fr');
    const result = await queue(invoice.invoiceId, step(45), addDaysIso(DUE_DATE, 45));
    if (!('emailId' in result)) throw new Error('not queued');
    const mail = await emailById(result.emailId);
    const before = pdfText((await renderAttachment(db(), mail.attachments![0]!, seller.id, 'fr'))!);
    const paid = await recordOfflinePayment(db(), {
      businessId: seller.id,
      invoiceId: invoice.invoiceId,
      amountMinor: 50_000,
      method: 'bank_transfer',
      receivedOn: '2026-12-15',
      actor: { type: 'system' },
    });
    expect(paid.ok).toBe(true);
    const again = pdfText((await renderAttachment(db(), mail.attachments![0]!, seller.id, 'fr'))!);
    expect(again).toBe(before);
    expect(again).toContain('la somme de 1 714,72 €');
  });
});

describe('who receives a reminder', () => {
  test('without a reachable contact nothing is queued and no link is minted', async () => {
    const { invoice, customer, step } = await setup('fr');
    await db()
      .update(contacts)
      .set({ emailSuppressedAt: new Date() })
      .where(eq(contacts.customerId, customer.id));
    const [links, mails] = [await count('invoice_links'), await count('emails')];
    expect(await queue(invoice.invoiceId, step(7), '2026-11-07')).toEqual({ skipped: 'no_recipient' });
    expect([await count('invoice_links'), await count('emails')]).toEqual([links, mails]);
  });

  test('a suppressed address is left out: accounts payable then receive it, copied to nobody', async () => {
    const { invoice, step, billing, payable } = await setup('fr');
    await db().update(contacts).set({ emailSuppressedAt: new Date() }).where(eq(contacts.id, billing.id));
    const result = await queue(invoice.invoiceId, step(1), '2026-11-01');
    if (!('emailId' in result)) throw new Error('not queued');
    const mail = await emailById(result.emailId);
    expect(mail.to).toEqual([payable.email]);
    expect(mail.cc).toEqual([]);
  });

  test('a step is queued once: the second call mints no link and queues nothing', async () => {
    const { invoice, step } = await setup('en');
    const first = await queue(invoice.invoiceId, step(7), '2026-11-07');
    expect(first).toHaveProperty('emailId');
    const [links, mails] = [await count('invoice_links'), await count('emails')];
    expect(await queue(invoice.invoiceId, step(7), '2026-11-08')).toEqual({ skipped: 'already_queued' });
    expect([await count('invoice_links'), await count('emails')]).toEqual([links, mails]);
  });

  test('refuses a step that sends no email', async () => {
    const { invoice, step } = await setup('fr');
    await expect(queue(invoice.invoiceId, step(14), '2026-11-14')).rejects.toThrow(/call_task/);
  });
});

describe('what a reminder offers and claims, from the business’s settings', () => {
  test('a plan when installments are offered; no promise when promises are off; dispute only early', async () => {
    const { invoice, step } = await setup('en', {
      installmentOffers: [{ id: '3x', splitPercent: [34, 33, 33], interval: 'monthly' }],
      promiseMaxDays: 0,
    });
    const week = await queue(invoice.invoiceId, step(7), '2026-11-07');
    const month = await queue(invoice.invoiceId, step(30), '2026-11-30');
    if (!('emailId' in week) || !('emailId' in month)) throw new Error('not queued');
    const [w, m] = [await emailById(week.emailId), await emailById(month.emailId)];
    expect(w.html).toMatch(/href="[^"]+#plan"/);
    expect(w.text).toContain('pay in installments');
    expect(w.html).not.toContain('#promise');
    expect(w.html).toMatch(/href="[^"]+#dispute"/);
    expect(m.html).toMatch(/href="[^"]+#plan"/);
    expect(m.html).not.toContain('#dispute');
  });

  test('by default a late reminder offers to promise a date, and no plan', async () => {
    const { invoice, step } = await setup('fr');
    const result = await queue(invoice.invoiceId, step(7), '2026-11-07');
    if (!('emailId' in result)) throw new Error('not queued');
    const mail = await emailById(result.emailId);
    expect(mail.html).toMatch(/href="[^"]+#promise"/);
    expect(mail.text).toContain('nous indiquer la date à laquelle vous réglerez');
    expect(mail.html).not.toContain('#plan');
  });

  test('the rate and indemnity agreed on the invoice apply, even after the business changes its settings', async () => {
    const { seller, invoice, step } = await setup('en', {
      penaltyRateBps: 1500,
      recoveryIndemnityMinor: 5000,
    });
    await db().update(business).set({ penaltyRateBps: 900 }).where(eq(business.id, seller.id));
    const result = await queue(invoice.invoiceId, step(30), '2026-11-30');
    if (!('emailId' in result)) throw new Error('not queued');
    const text = squash((await emailById(result.emailId)).text);
    // 165,000 * 0.15 * 30 / 365 = 2034.25 cents, plus the business's 50 € indemnity
    expect(text).toContain('15% a year (the rate set in our payment terms)');
    expect(text).toContain('Late interest on €1,650.00 €20.34');
    expect(text).toContain('Fixed indemnity for recovery costs €50.00');
    expect(text).toContain('Total penalties due €70.34');
    expect(text).toContain('€70.34 to date');
  });

  test('claims the balance less what is paid and what is disputed, and charges interest on that', async () => {
    const { invoice, step } = await setup('fr', {}, { paidMinor: 50_000 });
    await db().insert(disputes).values({
      invoiceId: invoice.invoiceId,
      reason: 'wrong_amount',
      amountMinor: 15_000,
      scope: 'invoice',
    });
    const result = await queue(invoice.invoiceId, step(30), '2026-11-30');
    if (!('emailId' in result)) throw new Error('not queued');
    const text = squash((await emailById(result.emailId)).text);
    // 100,000 * 0.1215 * 30 / 365 = 998.63 cents
    expect(text).toContain('Montant dû 1 000,00 €');
    expect(text).toContain('Intérêts de retard sur 1 000,00 € 9,99 €');
    expect(text).toContain('Total des pénalités exigibles 49,99 €');
  });

  test('what the customer and business typed is escaped in the HTML', async () => {
    const { invoice, customer, step } = await setup('fr');
    await db().execute(
      sql`UPDATE customers SET name = '<img src=x onerror=alert(1)> & Fils' WHERE id = ${customer.id}`,
    );
    const result = await queue(invoice.invoiceId, step(1), '2026-11-01');
    if (!('emailId' in result)) throw new Error('not queued');
    const mail = await emailById(result.emailId);
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; Fils');
    expect(mail.text).toContain('Bonjour <img src=x onerror=alert(1)> & Fils,');
  });
});

describe('previewReminder', () => {
  test('renders every step in either language with a placeholder link, and writes nothing', async () => {
    const { invoice, step } = await setup('fr');
    const tables = ['emails', 'invoice_links', 'events', 'tasks', 'reminders'] as const;
    const before = await Promise.all(tables.map(count));
    for (const s of mailSteps) {
      for (const locale of ['fr', 'en'] as const) {
        const asOf = addDaysIso(DUE_DATE, s.offsetDays);
        const preview = await previewReminder(db(), {
          invoiceId: invoice.invoiceId,
          step: step(s.offsetDays),
          locale,
          asOf,
        });
        expect(preview.subject).toContain(invoice.number);
        expect(preview.html).toContain(`lang="${locale}"`);
        expect(preview.html).toContain('href="http://127.0.0.1:3000/i/…#pay"');
        expect(preview.text).toContain('http://127.0.0.1:3000/i/…');
        expect(preview.text).not.toMatch(TOKEN_URL);
        expect(squash(preview.text)).toContain(expected[locale].amount);
      }
    }
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });

  test('shows an unsaved step as typed, placeholders filled', async () => {
    const { invoice } = await setup('fr');
    const draft = {
      ...DEFAULT_LADDER[2]!,
      subjectEn: 'Hi {{customer_name}}: {{days_late}} days',
      bodyEn: 'Owed: {{amount_due}}.',
    };
    const preview = await previewReminder(db(), {
      invoiceId: invoice.invoiceId,
      step: draft,
      locale: 'en',
      asOf: '2026-11-09',
    });
    expect(preview.subject).toMatch(/^Hi Boulangerie .+: 9 days$/);
    expect(squash(preview.text)).toContain('Owed: €1,650.00.');
  });
});

test('the outbox keeps reminders apart per step', async () => {
  const { invoice, step } = await setup('fr');
  for (const s of mailSteps)
    await queue(invoice.invoiceId, step(s.offsetDays), addDaysIso(DUE_DATE, s.offsetDays));
  const rows = await db()
    .select({ template: emails.template })
    .from(emails)
    .where(and(eq(emails.invoiceId, invoice.invoiceId), sql`${emails.dedupeKey} LIKE 'reminder:%'`));
  expect(rows.map((r) => r.template).sort()).toEqual([
    'reminder-firm',
    'reminder-firm',
    'reminder-formal',
    'reminder-friendly',
    'reminder-friendly',
  ]);
});

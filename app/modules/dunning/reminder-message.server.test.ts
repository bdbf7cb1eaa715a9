import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { emails, invoiceLinks } from '#db/schema/index';
import { addDaysIso } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { hashToken } from '~/utils/tokens.server';
import { DEFAULT_LADDER } from './default-ladder';
import { previewReminder } from './reminder-message.server';

import { squash, TOKEN_URL, DUE_DATE, setup, queue, emailById, count } from '../../../test/support/reminders';

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

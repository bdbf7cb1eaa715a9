import { describe, expect, test } from 'vitest';
import { renderEmail } from './render.server';
import ReminderEmail, { type ReminderEmailProps } from './reminder';

const base: ReminderEmailProps = {
  ...ReminderEmail.PreviewProps,
  locale: 'en',
  paragraphs: [['Hello,'], ['First line', 'second line']],
  penalty: null,
  actions: ['pay'],
};
const squash = (s: string) => s.replace(/\s+/g, ' ');
const render = async (props: Partial<ReminderEmailProps>) => {
  const { html, text } = await renderEmail(<ReminderEmail {...base} {...props} />);
  return { html, text: squash(text) };
};

describe('reminder email', () => {
  test('the tone names the message; a letter step says formal notice', async () => {
    expect((await render({ tone: 'friendly' })).text).toContain('Friendly reminder INVOICE');
    expect((await render({ tone: 'firm' })).text).toContain('Payment reminder INVOICE');
    expect((await render({ tone: 'formal' })).text).toContain('Final reminder INVOICE');
    const notice = await render({
      tone: 'formal',
      locale: 'fr',
      notice: { filename: 'mise-en-demeure-2026-000123.pdf', deadline: '2026-12-20' },
    });
    expect(notice.text).toContain('Mise en demeure FACTURE 2026-000123');
    expect(notice.text).toContain(
      'La lettre de mise en demeure est jointe à ce message au format PDF (mise-en-demeure-2026-000123.pdf). Délai de paiement : au plus tard le 20 décembre 2026.',
    );
  });

  test('before, on and after the due date', async () => {
    expect((await render({ asOf: '2026-11-09', daysLate: 0 })).text).toContain('Due by 12 November 2026');
    expect((await render({ asOf: '2026-11-12', daysLate: 0 })).text).toContain('Due today');
    const late = await render({ asOf: '2026-11-13', daysLate: 1 });
    expect(late.text).toContain('1 day late');
    expect(late.text).toContain('Late by 1 day');
    expect(late.text).toContain('Pay €1,650.00');
  });

  test('body lines keep their breaks; the logo stands for the name when there is one', async () => {
    const { html } = await render({
      business: { ...base.business, logoUrl: 'https://cdn.example.com/logo.png' },
    });
    expect(html).toContain('First line</span><span><br/>second line');
    expect(html).toContain('src="https://cdn.example.com/logo.png"');
    expect(html).toContain('alt="Atelier Dupont"');
  });

  test('nothing due: no payment button, just the invoice', async () => {
    const { html, text } = await render({ actions: [], amountDueMinor: 0 });
    expect(text).toContain('View the invoice');
    expect(html).not.toContain('#pay');
  });

  test('a penalty on a dollar invoice keeps the EUR 40 indemnity in euros', async () => {
    const { text } = await render({
      currency: 'USD',
      penalty: {
        daysLate: 30,
        rateBps: 1500,
        statutory: false,
        interestMinor: 2034,
        indemnityMinor: 4000,
        totalMinor: 6034,
      },
    });
    expect(text).toContain('Rate applied 15% a year (the rate set in our payment terms)');
    expect(text).toContain('Late interest on US$1,650.00 US$20.34');
    expect(text).toContain('Fixed indemnity for recovery costs €40.00');
    expect(text).toContain('Total penalties due US$20.34 + €40.00');
  });
});

import { adminCollections } from '~/i18n/admin-collections';
import { adminTasks } from '~/i18n/admin-tasks';
import { invoiceDocument } from '~/i18n/invoice-document';
import { paymentMethods } from '~/i18n/payment-methods';
import { promisesText } from '~/i18n/promises';
import { formalNoticeCopy } from '~/modules/dunning/formal-notice-copy';
import {
  BODY_BOTTOM,
  BOLD,
  COLOR,
  drawPageChrome,
  drawPartyBoxes,
  LEFT,
  measure,
  PAGE,
  partyLines,
  startPdf,
  WIDTH,
  write,
  type Doc,
} from '~/modules/pdf/pdf-kit.server';
import { daysBetween, todayIn } from '~/utils/dates';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercentBps,
  intlTag,
  translator,
  type Locale,
  type T,
} from '~/utils/i18n';
import { formatMoney } from '~/utils/money';
import type { CaseFile } from './case-file.server';

type Ctx = { doc: Doc; t: T; locale: Locale; y: number; money: (minor: number) => string };

export function caseFileFilename(number: string, locale: Locale): string {
  const safe = number.replace(/[^A-Za-z0-9._-]/g, '-');
  return translator(locale, adminCollections)('cf.filename', { number: safe });
}

/**
 * The case file as one PDF, in the order an agency reads it: who owes what since when, then the invoice, the
 * signed acceptance letter, every reminder sent with its text, the formal notice, the dispute threads, promises,
 * payments and credit notes, and the call notes. Every section is printed, "nothing to report" when empty, so the
 * agency can see that nothing is missing. `today` fixes the document's date (tests, archives).
 */
export async function caseFilePdf(file: CaseFile, locale: Locale, today?: string): Promise<Buffer> {
  const t = translator(
    locale,
    adminCollections,
    formalNoticeCopy,
    adminTasks,
    promisesText,
    paymentMethods,
    invoiceDocument,
  );
  const date = today ?? todayIn(file.timeZone);
  const number = file.invoice.number!;
  const title = t('cf.docTitle', { number });
  const { doc, done } = startPdf({
    locale,
    title,
    author: file.seller.name,
    subject: t('cf.title'),
    today,
  });
  const money = (minor: number) => formatMoney(minor, file.invoice.currency, intlTag(locale));
  const ctx: Ctx = { doc, t, locale, y: PAGE.margin, money };
  cover(ctx, file, date);
  invoiceSection(ctx, file);
  acceptanceSection(ctx, file);
  remindersSection(ctx, file);
  noticeSection(ctx, file);
  disputesSection(ctx, file);
  promisesSection(ctx, file);
  paymentsSection(ctx, file);
  callsSection(ctx, file);
  drawPageChrome(doc, `${file.seller.name} · ${title}`, (page, pages) => t('cf.page', { page, pages }));
  doc.end();
  return done;
}

function text(
  ctx: Ctx,
  value: string,
  opts: { bold?: boolean; size?: number; color?: string; gap?: number } = {},
) {
  const size = opts.size ?? 9.5;
  const font = opts.bold ? BOLD : undefined;
  const height = measure(ctx.doc, value, WIDTH, font, size);
  if (ctx.y + Math.min(height, 200) > BODY_BOTTOM) {
    ctx.doc.addPage();
    ctx.y = PAGE.margin + 10;
  }
  ctx.y = write(ctx.doc, value, LEFT, ctx.y, { font, size, color: opts.color, width: WIDTH, lineGap: 1.5 });
  ctx.y += opts.gap ?? 4;
}

function heading(ctx: Ctx, value: string) {
  if (ctx.y + 60 > BODY_BOTTOM) {
    ctx.doc.addPage();
    ctx.y = PAGE.margin + 10;
  } else ctx.y += 14;
  text(ctx, value, { bold: true, size: 13, color: COLOR.accent, gap: 8 });
}

const d = (ctx: Ctx, iso: string) => formatDate(iso, ctx.locale);

function cover(ctx: Ctx, file: CaseFile, date: string) {
  const { t, locale, money } = ctx;
  text(ctx, t('cf.title').toUpperCase(), { bold: true, size: 18, color: COLOR.accent, gap: 4 });
  text(ctx, t('cf.subtitle', { number: file.invoice.number!, customer: file.buyer.name }), {
    bold: true,
    size: 11,
  });
  text(ctx, t('cf.prepared', { date: d(ctx, date), business: file.seller.name }), {
    color: COLOR.muted,
    gap: 12,
  });
  ctx.y =
    drawPartyBoxes(ctx.doc, ctx.y, [
      { title: t('cf.creditor'), lines: partyLines(t, locale, file.seller) },
      { title: t('cf.debtor'), lines: partyLines(t, locale, file.buyer) },
    ]) + 12;
  heading(ctx, t('cf.summary'));
  const { ledger, invoice, handOff } = file;
  const rows: [string, string][] = [
    [t('cf.summary.total'), money(ledger.totalMinor)],
    [t('cf.summary.paid'), money(ledger.paidMinor)],
    [t('cf.summary.credited'), money(ledger.creditedMinor)],
    [t('cf.summary.balance'), money(ledger.balanceMinor)],
    [t('cf.summary.due'), d(ctx, invoice.dueDate)],
    [t('cf.summary.late'), String(Math.max(0, daysBetween(invoice.dueDate, date)))],
  ];
  for (const [label, value] of rows) text(ctx, `${label} : ${value}`, { gap: 2 });
  ctx.y += 4;
  text(
    ctx,
    handOff
      ? t('cf.summary.agency', {
          agency: handOff.agencyName,
          date: d(ctx, handOff.handedOn),
          amount: formatMoney(handOff.amountMinor, handOff.currency, intlTag(locale)),
        })
      : t('cf.summary.notHanded'),
    { bold: true },
  );
  if (handOff?.note) text(ctx, handOff.note);
  heading(ctx, t('cf.contents'));
  for (const key of [
    'invoice',
    'acceptance',
    'reminders',
    'notice',
    'disputes',
    'promises',
    'payments',
    'calls',
  ])
    text(ctx, t(`cf.s.${key}`), { gap: 2 });
}

function invoiceSection(ctx: Ctx, file: CaseFile) {
  const { t, locale, money } = ctx;
  const { invoice } = file;
  ctx.doc.addPage();
  ctx.y = PAGE.margin + 10;
  heading(ctx, t('cf.s.invoice'));
  text(ctx, t('doc.titleWithNumber', { number: invoice.number! }), { bold: true, size: 11 });
  text(
    ctx,
    t('cf.invoice.meta', {
      issue: d(ctx, invoice.issueDate),
      due: d(ctx, invoice.dueDate),
      terms: invoice.termsDays,
    }),
  );
  if (invoice.purchaseOrder) text(ctx, t('cf.invoice.po', { po: invoice.purchaseOrder }));
  ctx.y += 4;
  for (const line of file.lines) {
    text(
      ctx,
      t('cf.invoice.line', {
        description: line.description,
        quantity: `${formatNumber(line.quantityMilli / 1000, locale)}${line.unit ? ` ${line.unit}` : ''}`,
        unitPrice: money(line.unitPriceMinor),
        tax: formatPercentBps(line.taxRateBps, locale),
        total: money(line.lineTotalMinor),
      }),
    );
  }
  text(
    ctx,
    t('cf.invoice.totals', {
      subtotal: money(invoice.subtotalMinor),
      tax: money(invoice.taxMinor),
      total: money(invoice.totalMinor),
    }),
    { bold: true },
  );
  if (invoice.notes) text(ctx, invoice.notes, { color: COLOR.muted });
}

function acceptanceSection(ctx: Ctx, file: CaseFile) {
  const { t, locale } = ctx;
  heading(ctx, t('cf.s.acceptance'));
  const a = file.acceptance;
  if (!a) return text(ctx, t('cf.acceptance.none'));
  text(
    ctx,
    t('cf.acceptance.signed', {
      date: formatDateTime(a.signedAt, locale, file.timeZone),
      name: a.signerName,
      role: a.signerRole,
    }),
    { bold: true },
  );
  text(ctx, t('cf.acceptance.evidence', { ip: a.ip ?? '—', sha: a.sha256 }), { size: 8, color: COLOR.muted });
  text(ctx, a.letterText);
}

function remindersSection(ctx: Ctx, file: CaseFile) {
  const { t, locale } = ctx;
  heading(ctx, t('cf.s.reminders'));
  if (!file.reminders.length) return text(ctx, t('cf.none'));
  for (const r of file.reminders) {
    const when = r.sentAt ? formatDateTime(r.sentAt, locale, file.timeZone) : d(ctx, r.scheduledOn);
    text(ctx, t('cf.reminder.head', { date: when, channel: t(`cf.channel.${r.channel}`) }), {
      bold: true,
      gap: 2,
    });
    if (r.to?.length)
      text(ctx, t('cf.reminder.to', { to: r.to.join(', ') }), { size: 8.5, color: COLOR.muted });
    if (r.subject) text(ctx, r.subject, { bold: true, size: 9 });
    const body = r.text ?? [r.taskTitle, r.taskNotes].filter(Boolean).join('\n');
    if (body) text(ctx, body, { size: 9, gap: 10 });
  }
}

function noticeSection(ctx: Ctx, file: CaseFile) {
  const { t } = ctx;
  heading(ctx, t('cf.s.notice'));
  if (!file.notices.length) return text(ctx, t('cf.notice.none'));
  for (const n of file.notices) {
    const money = (minor: number) => formatMoney(minor, n.currency, intlTag(ctx.locale));
    const claim = money(n.amountDueMinor + (n.penalty?.totalMinor ?? 0));
    text(ctx, t('fn.title'), { bold: true, size: 11 });
    text(ctx, t('cf.notice.head', { date: d(ctx, n.letterDate), deadline: d(ctx, n.deadline) }), {
      bold: true,
    });
    text(ctx, t('fn.salutation'));
    text(
      ctx,
      t('fn.facts', {
        number: n.invoiceNumber,
        issueDate: d(ctx, n.issueDate),
        total: money(n.totalMinor),
        dueDate: d(ctx, n.dueDate),
        amountDue: money(n.amountDueMinor),
      }),
    );
    text(ctx, t(n.penalty ? 'fn.demand' : 'fn.demandPrincipal', { deadline: d(ctx, n.deadline), claim }));
    text(ctx, t('cf.notice.claim', { claim }), { bold: true });
    text(ctx, t('fn.consequence'), { gap: 10 });
  }
}

function disputesSection(ctx: Ctx, file: CaseFile) {
  const { t, locale, money } = ctx;
  heading(ctx, t('cf.s.disputes'));
  if (!file.disputes.length) return text(ctx, t('cf.none'));
  for (const dispute of file.disputes) {
    text(
      ctx,
      t('cf.dispute.head', {
        date: formatDateTime(dispute.openedAt, locale, file.timeZone),
        reason: t(`dispute.${dispute.reason}`),
        amount: money(dispute.amountMinor),
        status: t(`cf.dispute.status.${dispute.status}`),
      }),
      { bold: true },
    );
    for (const m of dispute.messages) {
      text(
        ctx,
        t('cf.dispute.message', {
          date: formatDateTime(m.createdAt, locale, file.timeZone),
          author: t(`cf.author.${m.author}`),
        }),
        { size: 8.5, color: COLOR.muted, gap: 1 },
      );
      text(ctx, m.body, { size: 9 });
    }
  }
}

function promisesSection(ctx: Ctx, file: CaseFile) {
  const { t, locale } = ctx;
  heading(ctx, t('cf.s.promises'));
  if (!file.promises.length) return text(ctx, t('cf.none'));
  for (const p of file.promises) {
    text(
      ctx,
      t('cf.promise', {
        made: formatDateTime(p.createdAt, locale, file.timeZone),
        date: d(ctx, p.promisedDate),
        source: t(`cf.promise.source.${p.source}`),
        status: t(`cf.promise.status.${p.status}`),
      }),
      { gap: p.reason || p.note ? 1 : 4 },
    );
    if (p.reason)
      text(ctx, t('cf.promise.reason', { reason: t(`promise.reason.${p.reason}`) }), { size: 9, gap: 1 });
    if (p.note) text(ctx, p.note, { size: 9 });
  }
}

function paymentsSection(ctx: Ctx, file: CaseFile) {
  const { t, locale, money } = ctx;
  heading(ctx, t('cf.s.payments'));
  if (!file.payments.length && !file.creditNotes.length) return text(ctx, t('cf.none'));
  for (const p of file.payments) {
    const when = p.receivedOn
      ? d(ctx, p.receivedOn)
      : formatDateTime(p.succeededAt ?? p.createdAt, locale, file.timeZone);
    text(
      ctx,
      t('cf.payment', {
        date: when,
        method: t(`paymentMethod.${p.method}`),
        amount: formatMoney(p.amountMinor, p.currency, intlTag(locale)),
        status: t(`cf.payment.status.${p.status}`),
      }) + (p.reference ? ` · ${p.reference}` : ''),
    );
  }
  for (const c of file.creditNotes) {
    text(
      ctx,
      t('cf.credit', {
        date: formatDateTime(c.createdAt, locale, file.timeZone),
        number: c.number,
        amount: money(c.amountMinor),
        reason: c.reason,
      }),
    );
  }
}

function callsSection(ctx: Ctx, file: CaseFile) {
  const { t, locale } = ctx;
  heading(ctx, t('cf.s.calls'));
  if (!file.calls.length) return text(ctx, t('cf.none'));
  for (const call of file.calls) {
    text(ctx, t('cf.call', { date: d(ctx, call.dueOn), title: call.title }), { bold: true, gap: 1 });
    text(
      ctx,
      t('cf.call.outcome', {
        outcome: call.status === 'open' ? t('cf.call.open') : t(`outcome.value.${call.outcome ?? 'done'}`),
        by: call.doneByName
          ? t('cf.call.by', { name: call.doneByName }) +
            (call.doneAt ? ` (${formatDateTime(call.doneAt, locale, file.timeZone)})` : '')
          : '',
      }),
      { size: 9, gap: 1 },
    );
    if (call.notes) text(ctx, call.notes, { size: 9 });
  }
}

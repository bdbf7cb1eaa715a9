import { eq, sql } from 'drizzle-orm';
import { business, customers } from '#db/schema/index';
import { statementsText } from '~/i18n/statements';
import { sellerSnapshot } from '~/modules/invoices/parties.server';
import {
  BODY_BOTTOM,
  BOLD,
  COLOR,
  drawLetterhead,
  drawPageChrome,
  LEFT,
  PAGE,
  RIGHT,
  startPdf,
  WIDTH,
  write,
  type Doc,
} from '~/modules/pdf/pdf-kit.server';
import { AGING_BUCKETS, agingReport } from '~/modules/reports/aging.server';
import { logoBytes } from '~/modules/settings/logo.server';
import type { DbOrTx } from '~/utils/db.server';
import { addDaysIso } from '~/utils/dates';
import { formatDate, intlTag, translator, type Locale, type T } from '~/utils/i18n';
import { formatMoney } from '~/utils/money';

export type LedgerLine = {
  date: string;
  currency: string;
  kind: 'invoice' | 'payment' | 'refund' | 'chargeback' | 'credit_note';
  number: string;
  ref: string | null;
  dueDate: string | null;
  /** Positive: the customer owes more (invoice, refund, chargeback); negative: less (payment, credit note). */
  amountMinor: number;
};

/**
 * Everything that moved the customer's account, in the business's time zone: issued invoices, succeeded payments,
 * refunds and lost chargebacks, credit notes. The same figures the ledger derives balances from, so the closing
 * balance is what the open invoices owe.
 */
export async function customerLedger(
  db: DbOrTx,
  customerId: string,
  timeZone: string,
): Promise<LedgerLine[]> {
  const day = (col: string) =>
    sql.raw(`to_char((${col} AT TIME ZONE '${timeZone.replace(/'/g, '')}')::date, 'YYYY-MM-DD')`);
  const rows = await db.execute<Record<keyof LedgerLine, unknown>>(sql`
    SELECT * FROM (
    SELECT i.issue_date::text AS date, i.currency, 'invoice' AS kind, i.number, NULL AS ref, i.due_date::text AS "dueDate",
      i.total_minor AS "amountMinor"
    FROM invoices i WHERE i.customer_id = ${customerId}::uuid AND i.status <> 'draft'
    UNION ALL
    SELECT COALESCE(p.received_on::text, ${day('p.succeeded_at')}), p.currency, 'payment', i.number, NULL, NULL, -p.amount_minor
    FROM payments p JOIN invoices i ON i.id = p.invoice_id
    WHERE i.customer_id = ${customerId}::uuid AND p.status = 'succeeded'
    UNION ALL
    SELECT ${day('r.created_at')}, p.currency, 'refund', i.number, NULL, NULL, r.amount_minor
    FROM refunds r JOIN payments p ON p.id = r.payment_id JOIN invoices i ON i.id = p.invoice_id
    WHERE i.customer_id = ${customerId}::uuid AND p.status = 'succeeded' AND r.status IN ('pending', 'succeeded')
    UNION ALL
    SELECT COALESCE(p.received_on::text, ${day('p.succeeded_at')}), p.currency, 'chargeback', i.number, NULL, NULL,
      p.chargeback_amount_minor
    FROM payments p JOIN invoices i ON i.id = p.invoice_id
    WHERE i.customer_id = ${customerId}::uuid AND p.status = 'succeeded' AND p.chargeback_amount_minor > 0
    UNION ALL
    SELECT ${day('c.created_at')}, c.currency, 'credit_note', i.number, c.number, NULL, -c.amount_minor
    FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id WHERE i.customer_id = ${customerId}::uuid
    ) l
    -- On one day, what was invoiced comes before what settled it.
    ORDER BY l.date, CASE l.kind WHEN 'invoice' THEN 0 WHEN 'refund' THEN 2 WHEN 'chargeback' THEN 2 ELSE 1 END, l.number`);
  return rows.map((r) => ({
    date: String(r.date),
    currency: String(r.currency),
    kind: r.kind as LedgerLine['kind'],
    number: String(r.number),
    ref: r.ref === null ? null : String(r.ref),
    dueDate: r.dueDate === null ? null : String(r.dueDate),
    amountMinor: Number(r.amountMinor),
  }));
}

/** The statement of account, per currency: opening balance, the year's movements, closing balance, aging. */
export async function renderStatementPdf(
  db: DbOrTx,
  input: { businessId: string; customerId: string; locale: Locale; today: string; now?: Date },
): Promise<Buffer | null> {
  const [row] = await db
    .select({ customer: customers, seller: business })
    .from(customers)
    .innerJoin(business, eq(business.id, customers.businessId))
    .where(eq(customers.id, input.customerId));
  if (!row || row.seller.id !== input.businessId) return null;
  const { locale, today } = input;
  const t = translator(locale, statementsText);
  const from = addDaysIso(today, -365);
  const ledger = await customerLedger(db, input.customerId, row.seller.timeZone);
  const aging = await agingReport(db, {
    businessId: input.businessId,
    customerId: input.customerId,
    now: input.now,
  });
  const currencies = [
    ...new Set([...ledger.map((l) => l.currency), ...aging.totals.map((a) => a.currency)]),
  ].sort();

  const { doc, done } = startPdf({
    locale,
    title: `${t('sdoc.title')} — ${row.customer.name}`,
    author: row.seller.name,
    subject: t('sdoc.asOf', { date: formatDate(today, locale) }),
    today,
  });
  let y = drawHeader(doc, t, locale, {
    seller: sellerSnapshot(row.seller).addressLines.join(', '),
    sellerName: row.seller.name,
    logo: await logoBytes(db, input.businessId),
    customer: row.customer.name,
    today,
    from,
  });
  for (const currency of currencies.length ? currencies : [row.seller.defaultCurrency]) {
    const money = (minor: number) => formatMoney(minor, currency, intlTag(locale));
    const lines = ledger.filter((l) => l.currency === currency);
    const opening = lines.filter((l) => l.date < from).reduce((s, l) => s + l.amountMinor, 0);
    const period = lines.filter((l) => l.date >= from && l.date <= today);
    y = ensureRoom(doc, y + 18, 80);
    y =
      write(doc, t('sdoc.currency', { currency }), LEFT, y, { font: BOLD, size: 11, color: COLOR.accent }) +
      6;
    y = drawRow(
      doc,
      y,
      [
        t('sdoc.col.date'),
        t('sdoc.col.label'),
        t('sdoc.col.debit'),
        t('sdoc.col.credit'),
        t('sdoc.col.balance'),
      ],
      { head: true },
    );
    let balance = opening;
    y = drawRow(doc, y, [formatDate(from, locale, 'short'), t('sdoc.opening'), '', '', money(opening)], {
      strong: true,
    });
    for (const line of period) {
      balance += line.amountMinor;
      y = ensureRoom(doc, y, 16);
      const label =
        line.kind === 'invoice'
          ? t('sdoc.invoice', { number: line.number, date: formatDate(line.dueDate!, locale, 'short') })
          : line.kind === 'credit_note'
            ? t('sdoc.creditNote', { ref: line.ref ?? '', number: line.number })
            : line.kind === 'payment'
              ? t('sdoc.payment', { number: line.number })
              : t('sdoc.refund', { number: line.number });
      y = drawRow(doc, y, [
        formatDate(line.date, locale, 'short'),
        label,
        line.amountMinor > 0 ? money(line.amountMinor) : '',
        line.amountMinor < 0 ? money(-line.amountMinor) : '',
        money(balance),
      ]);
    }
    y = drawRow(doc, y, [formatDate(today, locale, 'short'), t('sdoc.closing'), '', '', money(balance)], {
      strong: true,
    });
    const buckets = aging.totals.find((a) => a.currency === currency);
    y = ensureRoom(doc, y + 10, 50);
    y = write(doc, t('sdoc.aging'), LEFT, y, { font: BOLD, size: 9.5 }) + 4;
    const width = WIDTH / AGING_BUCKETS.length;
    AGING_BUCKETS.forEach((bucket, i) => {
      write(doc, t(`sdoc.aging.${bucket}`), LEFT + i * width, y, {
        size: 8,
        color: COLOR.muted,
        width: width - 6,
      });
      write(doc, money(buckets?.amounts[bucket] ?? 0), LEFT + i * width, y + 12, {
        font: BOLD,
        size: 9,
        width: width - 6,
      });
    });
    y += 30;
  }
  drawPageChrome(doc, t('sdoc.footer', { customer: row.customer.name }), (page, pages) =>
    t('sdoc.page', { page, pages }),
  );
  doc.end();
  return done;
}

function drawHeader(
  doc: Doc,
  t: T,
  locale: Locale,
  h: {
    seller: string;
    sellerName: string;
    logo: Buffer | null;
    customer: string;
    today: string;
    from: string;
  },
): number {
  drawLetterhead(doc, { name: h.sellerName, logo: h.logo, size: 16, width: WIDTH / 2 });
  write(doc, h.seller, LEFT, doc.y + 2, { size: 8.5, color: COLOR.muted, width: WIDTH / 2 });
  const left = doc.y;
  write(doc, t('sdoc.title'), RIGHT - 250, PAGE.margin, {
    font: BOLD,
    size: 16,
    color: COLOR.accent,
    width: 250,
    align: 'right',
  });
  write(doc, t('sdoc.asOf', { date: formatDate(h.today, locale) }), RIGHT - 250, doc.y + 2, {
    width: 250,
    align: 'right',
  });
  write(
    doc,
    t('sdoc.period', { from: formatDate(h.from, locale), to: formatDate(h.today, locale) }),
    RIGHT - 250,
    doc.y + 1,
    {
      width: 250,
      align: 'right',
      color: COLOR.muted,
    },
  );
  let y = Math.max(left, doc.y) + 14;
  y =
    write(doc, t('sdoc.customer').toUpperCase(), LEFT, y, { font: BOLD, size: 7.5, color: COLOR.muted }) + 2;
  return write(doc, h.customer, LEFT, y, { font: BOLD, size: 11 });
}

const COLS = [62, WIDTH - 62 - 3 * 76, 76, 76, 76];

function drawRow(
  doc: Doc,
  y: number,
  cells: string[],
  opts: { head?: boolean; strong?: boolean } = {},
): number {
  if (opts.head || opts.strong) doc.rect(LEFT, y - 2, WIDTH, 15).fill(COLOR.band);
  let x = LEFT;
  let bottom = y;
  cells.forEach((cell, i) => {
    const font = opts.head || opts.strong ? BOLD : undefined;
    const size = opts.head ? 7.5 : 8.5;
    const b = write(doc, cell, x + 3, y + 1, {
      font,
      size,
      width: COLS[i]! - 6,
      align: i >= 2 ? 'right' : 'left',
      color: opts.head ? COLOR.muted : COLOR.ink,
    });
    bottom = Math.max(bottom, b);
    x += COLS[i]!;
  });
  return bottom + 4;
}

function ensureRoom(doc: Doc, y: number, needed: number): number {
  if (y + needed <= BODY_BOTTOM) return y;
  doc.addPage();
  return PAGE.margin;
}

/**
 * The reports bench's data: one business, `count` invoices over `count / 20` customers issued evenly over three
 * years up to TODAY, most of them paid, as a long-lived business's ledger looks. All set-based (INSERT ... SELECT
 * generate_series), so a million invoices take a minute or two, not hours.
 *
 * Invoice g (1..count) is issued `age = (count - g) * 1095 / count` days before TODAY, 30 days' terms. Whether it is
 * still open depends on how late it is (h, a pseudo-random percentile spread independently of the customer):
 * not yet due 85 %, 1-30 days late 40 %, 31-90 days 15 %, older 2 %; 1 % of the rest are void, the others paid
 * by one payment. About 6 % of all invoices end up open. Among open invoices: a tenth partly paid (some of those
 * partly refunded), 1 % credited, 2 % disputed, 5 % of the late ones with an active promise. Every tenth customer
 * is billed in US dollars.
 */
import type postgres from 'postgres';

export const TODAY = '2026-06-16';

export async function generateReportsData(pg: postgres.Sql, count: number): Promise<string> {
  const customerCount = Math.max(1, Math.floor(count / 20));
  const [biz] = await pg<{ id: string }[]>`
    INSERT INTO business (name, address_line1, postal_code, city, country, email, time_zone)
    VALUES ('Bench Reports SARL', '1 rue du Banc', '69002', 'Lyon', 'FR', 'bench@example.test', 'Europe/Paris')
    RETURNING id`;
  const businessId = biz!.id;
  await pg`INSERT INTO customers (business_id, name)
    SELECT ${businessId}, CASE WHEN c % 97 = 0 THEN 'Société Générale d''Études ; ' || c ELSE 'Client ' || c END
    FROM generate_series(1, ${customerCount}) c`;
  // Customers numbered 0..n-1 in a temporary table, so invoices pick theirs by arithmetic, not a join per row.
  await pg`CREATE TEMP TABLE bench_customers AS
    SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS n FROM customers WHERE business_id = ${businessId}`;
  await pg`CREATE INDEX ON bench_customers (n)`;
  await pg`
    WITH g AS (
      SELECT g, (${count} - g)::bigint * 1095 / ${count} AS age, (g::bigint * 40503 % 65521) % 100 AS h,
        ((g::bigint * 2654435761) % ${customerCount})::int AS n
      FROM generate_series(1, ${count}) g
    ), s AS (
      SELECT g.*, age - 30 AS late,
        CASE WHEN h < (CASE WHEN age < 30 THEN 85 WHEN age <= 60 THEN 40 WHEN age <= 120 THEN 15 ELSE 2 END)
          THEN 'open' WHEN h = 99 THEN 'void' ELSE 'paid' END AS status
      FROM g
    )
    INSERT INTO invoices (business_id, customer_id, status, number, number_year, number_seq, currency, issue_date,
      terms_days, due_date, subtotal_minor, tax_minor, total_minor, settled_minor, recovery_indemnity_minor,
      issued_at, paid_at, voided_at, created_at)
    SELECT ${businessId}, c.id, s.status::invoice_status, 'B-' || s.g, 2026, s.g,
      CASE WHEN c.n % 10 = 0 THEN 'USD' ELSE 'EUR' END,
      ${TODAY}::date - s.age::int, 30, ${TODAY}::date - s.age::int + 30,
      10000 * (1 + s.g % 50), 2000 * (1 + s.g % 50), 12000 * (1 + s.g % 50),
      CASE WHEN s.status = 'paid' THEN 12000 * (1 + s.g % 50) ELSE 0 END, 4000,
      (${TODAY}::date - s.age::int)::timestamptz,
      CASE WHEN s.status = 'paid' THEN (${TODAY}::date - s.age::int + (20 + s.h % 25)::int)::timestamptz END,
      CASE WHEN s.status = 'void' THEN (${TODAY}::date - s.age::int + 5)::timestamptz END,
      (${TODAY}::date - s.age::int)::timestamptz
    FROM s JOIN bench_customers c ON c.n = s.n`;
  // Paid invoices: one payment each, received 20 to 44 days after issue (never after TODAY). Their settled amount
  // was written with the invoice, so this one bulk insert skips the ledger triggers (and foreign key checks: the
  // rows are built from the invoices themselves); every later insert goes through them.
  await pg.begin(async (tx) => {
    await tx`SET LOCAL session_replication_role = replica`;
    await tx`INSERT INTO payments (business_id, customer_id, invoice_id, currency, amount_minor, status, method,
      received_on, succeeded_at, created_at)
    SELECT business_id, customer_id, id, currency, total_minor, 'succeeded',
      CASE WHEN number_seq % 3 = 0 THEN 'card' ELSE 'bank_transfer' END::payment_method,
      LEAST(paid_at, ${TODAY}::date::timestamptz)::date, LEAST(paid_at, ${TODAY}::date::timestamptz),
      LEAST(paid_at, ${TODAY}::date::timestamptz)
    FROM invoices WHERE business_id = ${businessId} AND status = 'paid'`;
  });
  // A tenth of open invoices partly paid (a third of their total); a seventh of those partly refunded.
  await pg`INSERT INTO payments (business_id, customer_id, invoice_id, currency, amount_minor, status, method,
      received_on, succeeded_at, created_at)
    SELECT business_id, customer_id, id, currency, total_minor / 3, 'succeeded', 'bank_transfer', issue_date + 10,
      (issue_date + 10)::timestamptz, (issue_date + 10)::timestamptz
    FROM invoices WHERE business_id = ${businessId} AND status = 'open' AND number_seq % 10 = 3`;
  await pg`INSERT INTO refunds (payment_id, amount_minor, status, created_at)
    SELECT p.id, p.amount_minor / 2, 'succeeded', p.succeeded_at + interval '2 days'
    FROM payments p JOIN invoices i ON i.id = p.invoice_id
    WHERE i.business_id = ${businessId} AND i.status = 'open' AND i.number_seq % 70 = 3`;
  // Failed attempts on some open invoices: not money received, must not count.
  await pg`INSERT INTO payments (business_id, customer_id, invoice_id, currency, amount_minor, status, method,
      created_at)
    SELECT business_id, customer_id, id, currency, total_minor, 'failed', 'card', (issue_date + 5)::timestamptz
    FROM invoices WHERE business_id = ${businessId} AND status = 'open' AND number_seq % 10 = 7`;
  await pg`INSERT INTO credit_notes (business_id, invoice_id, number, number_year, number_seq, currency,
      amount_minor, reason, created_at)
    SELECT business_id, id, 'AV-' || number_seq, 2026, number_seq, currency, total_minor / 10, 'Geste commercial',
      (issue_date + 3)::timestamptz
    FROM invoices WHERE business_id = ${businessId} AND status = 'open' AND number_seq % 100 = 41`;
  await pg`INSERT INTO disputes (invoice_id, reason, amount_minor, scope, opened_at)
    SELECT id, 'wrong_amount', total_minor, 'invoice', (due_date + 3)::timestamptz
    FROM invoices WHERE business_id = ${businessId} AND status = 'open' AND number_seq % 50 = 17`;
  await pg`INSERT INTO promises (invoice_id, promised_date, source, created_at)
    SELECT id, ${TODAY}::date + (number_seq / 20 % 10)::int, 'debtor', ${TODAY}::date::timestamptz
    FROM invoices WHERE business_id = ${businessId} AND status = 'open' AND due_date < ${TODAY}::date
      AND number_seq % 20 = 9`;
  await pg`INSERT INTO tasks (business_id, invoice_id, customer_id, kind, title, due_on, dedupe_key)
    SELECT business_id, id, customer_id, 'call', 'Appeler : ' || number, ${TODAY}::date - (number_seq % 3)::int,
      'bench-call:' || id
    FROM invoices WHERE business_id = ${businessId} AND status = 'open' AND due_date < ${TODAY}::date - 7
      AND number_seq % 40 = 11`;
  await pg`DROP TABLE bench_customers`;
  await pg`VACUUM ANALYZE`;
  return businessId;
}

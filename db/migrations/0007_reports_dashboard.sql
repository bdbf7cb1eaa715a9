ALTER TABLE "invoices" ADD COLUMN "settled_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "invoices_open_aging_idx" ON "invoices" USING btree ("business_id","customer_id","currency","due_date","total_minor","settled_minor","id") WHERE "invoices"."status" = 'open';--> statement-breakpoint
CREATE INDEX "invoices_issued_sales_idx" ON "invoices" USING btree ("business_id","issue_date","currency","total_minor") WHERE "invoices"."status" IN ('open', 'paid', 'uncollectible');--> statement-breakpoint
CREATE INDEX "payments_collected_idx" ON "payments" USING btree ("business_id","succeeded_at","currency","amount_minor") WHERE "payments"."status" = 'succeeded';--> statement-breakpoint
-- invoices.settled_minor follows the ledger (the same sums as app/modules/invoices/balance.server.ts): every
-- statement that changes payments, refunds or credit notes recomputes it for the invoices it touched, in its own
-- transaction. The invoices are locked first, so the recomputing UPDATE (a new statement: a fresh snapshot under
-- READ COMMITTED) sees whatever a concurrent transaction committed for the same invoice before it.
CREATE OR REPLACE FUNCTION refresh_invoice_settled(ids uuid[]) RETURNS void AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM 1 FROM invoices WHERE id = ANY (ids) ORDER BY id FOR UPDATE;
  UPDATE invoices i SET settled_minor = s.settled
  FROM (
    SELECT x.id,
      COALESCE((SELECT SUM(p.amount_minor - p.chargeback_amount_minor - COALESCE(
          (SELECT SUM(r.amount_minor) FROM refunds r WHERE r.payment_id = p.id AND r.status IN ('pending', 'succeeded')), 0))
        FROM payments p WHERE p.invoice_id = x.id AND p.status = 'succeeded'), 0)
      + COALESCE((SELECT SUM(c.amount_minor) FROM credit_notes c WHERE c.invoice_id = x.id), 0) AS settled
    FROM unnest(ids) AS x(id)
  ) s
  WHERE i.id = s.id AND i.settled_minor IS DISTINCT FROM s.settled;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION payments_settled_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_invoice_settled(ARRAY(SELECT DISTINCT invoice_id FROM new_rows WHERE invoice_id IS NOT NULL));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_invoice_settled(ARRAY(SELECT DISTINCT invoice_id FROM old_rows WHERE invoice_id IS NOT NULL));
  ELSE
    PERFORM refresh_invoice_settled(ARRAY(
      SELECT DISTINCT x.invoice_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        CROSS JOIN LATERAL (VALUES (n.invoice_id), (o.invoice_id)) x(invoice_id)
      WHERE x.invoice_id IS NOT NULL
        AND (n.status, n.amount_minor, n.chargeback_amount_minor, n.invoice_id)
          IS DISTINCT FROM (o.status, o.amount_minor, o.chargeback_amount_minor, o.invoice_id)));
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refunds_settled_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_invoice_settled(ARRAY(SELECT DISTINCT p.invoice_id FROM new_rows r
      JOIN payments p ON p.id = r.payment_id WHERE p.invoice_id IS NOT NULL));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_invoice_settled(ARRAY(SELECT DISTINCT p.invoice_id FROM old_rows r
      JOIN payments p ON p.id = r.payment_id WHERE p.invoice_id IS NOT NULL));
  ELSE
    PERFORM refresh_invoice_settled(ARRAY(SELECT DISTINCT p.invoice_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      JOIN payments p ON p.id IN (n.payment_id, o.payment_id)
      WHERE p.invoice_id IS NOT NULL
        AND (n.status, n.amount_minor, n.payment_id) IS DISTINCT FROM (o.status, o.amount_minor, o.payment_id)));
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION credit_notes_settled_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_invoice_settled(ARRAY(SELECT DISTINCT invoice_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_invoice_settled(ARRAY(SELECT DISTINCT invoice_id FROM old_rows));
  ELSE
    PERFORM refresh_invoice_settled(ARRAY(SELECT DISTINCT x.invoice_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL (VALUES (n.invoice_id), (o.invoice_id)) x(invoice_id)
      WHERE (n.amount_minor, n.invoice_id) IS DISTINCT FROM (o.amount_minor, o.invoice_id)));
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER payments_settled_insert AFTER INSERT ON payments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION payments_settled_changed();
--> statement-breakpoint
CREATE TRIGGER payments_settled_update AFTER UPDATE ON payments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION payments_settled_changed();
--> statement-breakpoint
CREATE TRIGGER payments_settled_delete AFTER DELETE ON payments REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION payments_settled_changed();
--> statement-breakpoint
CREATE TRIGGER refunds_settled_insert AFTER INSERT ON refunds REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION refunds_settled_changed();
--> statement-breakpoint
CREATE TRIGGER refunds_settled_update AFTER UPDATE ON refunds REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION refunds_settled_changed();
--> statement-breakpoint
CREATE TRIGGER refunds_settled_delete AFTER DELETE ON refunds REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION refunds_settled_changed();
--> statement-breakpoint
CREATE TRIGGER credit_notes_settled_insert AFTER INSERT ON credit_notes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION credit_notes_settled_changed();
--> statement-breakpoint
CREATE TRIGGER credit_notes_settled_update AFTER UPDATE ON credit_notes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION credit_notes_settled_changed();
--> statement-breakpoint
CREATE TRIGGER credit_notes_settled_delete AFTER DELETE ON credit_notes REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION credit_notes_settled_changed();
--> statement-breakpoint
-- Existing invoices: one pass over those with any ledger row.
SELECT refresh_invoice_settled(ARRAY(
  SELECT invoice_id FROM payments WHERE invoice_id IS NOT NULL AND status = 'succeeded'
  UNION SELECT invoice_id FROM credit_notes));

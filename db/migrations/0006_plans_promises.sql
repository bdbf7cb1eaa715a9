ALTER TABLE "business" ADD COLUMN "plan_min_first_part_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "business" ADD COLUMN "plan_max_duration_days" integer DEFAULT 180 NOT NULL;--> statement-breakpoint
ALTER TABLE "business" ADD COLUMN "plan_min_invoice_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "business" ADD COLUMN "promise_max_per_invoice" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "installments_allowed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "installments" ADD COLUMN "charge_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "installments" ADD COLUMN "last_failure_code" text;--> statement-breakpoint
CREATE INDEX "installments_charge_started_idx" ON "installments" USING btree ("charge_started_at") WHERE "installments"."charge_started_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "payment_plans_status_idx" ON "payment_plans" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "promises_invoice_idx" ON "promises" USING btree ("invoice_id");--> statement-breakpoint
ALTER TABLE "business" ADD CONSTRAINT "business_plan_limits" CHECK ("business"."plan_min_first_part_minor" >= 0 AND "business"."plan_min_invoice_minor" >= 0 AND "business"."plan_max_duration_days" BETWEEN 14 AND 730);--> statement-breakpoint
ALTER TABLE "business" ADD CONSTRAINT "business_promise_limits" CHECK ("business"."promise_max_days" BETWEEN 0 AND 365 AND "business"."promise_max_per_invoice" BETWEEN 1 AND 10);
CREATE TABLE "statement_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "statement_links_hash_format" CHECK ("statement_links"."token_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "statement_links_expiry_after_creation" CHECK ("statement_links"."expires_at" > "statement_links"."created_at")
);
--> statement-breakpoint
CREATE TABLE "statement_payment_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"statement_payment_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"amount_minor" bigint NOT NULL,
	"applied_minor" bigint,
	CONSTRAINT "statement_allocations_invoice_unique" UNIQUE("statement_payment_id","invoice_id"),
	CONSTRAINT "statement_allocations_position_unique" UNIQUE("statement_payment_id","position"),
	CONSTRAINT "statement_allocations_amount_pos" CHECK ("statement_payment_allocations"."amount_minor" > 0),
	CONSTRAINT "statement_allocations_applied_range" CHECK ("statement_payment_allocations"."applied_minor" IS NULL OR "statement_payment_allocations"."applied_minor" BETWEEN 0 AND "statement_payment_allocations"."amount_minor")
);
--> statement-breakpoint
CREATE TABLE "statement_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"currency" char(3) NOT NULL,
	"amount_minor" bigint NOT NULL,
	"status" text NOT NULL,
	"stripe_payment_intent_id" text,
	"stripe_charge_id" text,
	"method" text,
	"stripe_observed_at" integer,
	"applied_at" timestamp with time zone,
	"excess_minor" bigint DEFAULT 0 NOT NULL,
	"excess_refund_id" text,
	"chargeback_status" text,
	"chargeback_amount_minor" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"succeeded_at" timestamp with time zone,
	CONSTRAINT "statement_payments_amount_pos" CHECK ("statement_payments"."amount_minor" > 0),
	CONSTRAINT "statement_payments_excess_range" CHECK ("statement_payments"."excess_minor" BETWEEN 0 AND "statement_payments"."amount_minor")
);
--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "statement_payment_id" uuid;--> statement-breakpoint
ALTER TABLE "statement_links" ADD CONSTRAINT "statement_links_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_payment_allocations" ADD CONSTRAINT "statement_payment_allocations_statement_payment_id_statement_payments_id_fk" FOREIGN KEY ("statement_payment_id") REFERENCES "public"."statement_payments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_payment_allocations" ADD CONSTRAINT "statement_payment_allocations_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_payments" ADD CONSTRAINT "statement_payments_business_id_business_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."business"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_payments" ADD CONSTRAINT "statement_payments_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "statement_links_token_hash_unique" ON "statement_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "statement_links_customer_idx" ON "statement_links" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "statement_allocations_invoice_idx" ON "statement_payment_allocations" USING btree ("invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "statement_payments_stripe_pi_unique" ON "statement_payments" USING btree ("stripe_payment_intent_id");--> statement-breakpoint
CREATE INDEX "statement_payments_customer_idx" ON "statement_payments" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "statement_payments_charge_idx" ON "statement_payments" USING btree ("stripe_charge_id");--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_statement_payment_id_statement_payments_id_fk" FOREIGN KEY ("statement_payment_id") REFERENCES "public"."statement_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_statement_share_unique" ON "payments" USING btree ("statement_payment_id","invoice_id") WHERE "payments"."statement_payment_id" IS NOT NULL;
CREATE TABLE "collection_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"agency_name" text NOT NULL,
	"handed_on" date NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"note" text,
	"handed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collection_cases_invoice_id_unique" UNIQUE("invoice_id"),
	CONSTRAINT "collection_cases_amount_pos" CHECK ("collection_cases"."amount_minor" > 0),
	CONSTRAINT "collection_cases_agency_len" CHECK (char_length("collection_cases"."agency_name") BETWEEN 1 AND 200)
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "currency" char(3);--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "deposit_percent" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "collection_cases" ADD CONSTRAINT "collection_cases_business_id_business_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."business"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_cases" ADD CONSTRAINT "collection_cases_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_cases" ADD CONSTRAINT "collection_cases_handed_by_users_id_fk" FOREIGN KEY ("handed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "collection_cases_business_handed_idx" ON "collection_cases" USING btree ("business_id","handed_on");--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_deposit_percent_range" CHECK ("customers"."deposit_percent" BETWEEN 1 AND 99);
CREATE TABLE "acceptance_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "acceptance_templates_business_locale_unique" UNIQUE("business_id","locale"),
	CONSTRAINT "acceptance_templates_locale" CHECK ("acceptance_templates"."locale" IN ('fr', 'en')),
	CONSTRAINT "acceptance_templates_body_len" CHECK (char_length("acceptance_templates"."body") BETWEEN 1 AND 20000)
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "acceptance_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "dispute_messages" ADD COLUMN "attaches_acceptance" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "dispute_messages" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "acceptance_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "delivery_date" date;--> statement-breakpoint
ALTER TABLE "acceptance_templates" ADD CONSTRAINT "acceptance_templates_business_id_business_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."business"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acceptance_templates" ADD CONSTRAINT "acceptance_templates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "disputes_one_open_per_invoice" ON "disputes" USING btree ("invoice_id") WHERE "disputes"."status" IN ('waiting_for_us', 'waiting_for_them');--> statement-breakpoint
CREATE UNIQUE INDEX "credit_notes_dispute_unique" ON "credit_notes" USING btree ("dispute_id") WHERE "credit_notes"."dispute_id" IS NOT NULL;
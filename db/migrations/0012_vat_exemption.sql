CREATE TYPE "public"."vat_exemption" AS ENUM('franchise', 'reverse_charge', 'intra_eu_goods', 'export');--> statement-breakpoint
ALTER TABLE "business" ADD COLUMN "default_vat_exemption" "vat_exemption";--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "vat_exemption" "vat_exemption";--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_exempt_untaxed" CHECK ("invoices"."vat_exemption" IS NULL OR "invoices"."tax_minor" = 0);
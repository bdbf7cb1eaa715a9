ALTER TABLE "dunning_steps" DROP CONSTRAINT "dunning_steps_policy_offset_unique";--> statement-breakpoint
ALTER TABLE "business" ADD COLUMN "reminder_window_start_hour" integer DEFAULT 9 NOT NULL;--> statement-breakpoint
ALTER TABLE "business" ADD COLUMN "reminder_window_end_hour" integer DEFAULT 18 NOT NULL;--> statement-breakpoint
ALTER TABLE "business" ADD COLUMN "reminder_grace_days" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "business" ADD COLUMN "weekly_digest_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "dunning_steps" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reminders" ADD COLUMN "scheduled_on" date NOT NULL;--> statement-breakpoint
ALTER TABLE "reminders" ADD COLUMN "skip_reason" text;--> statement-breakpoint
ALTER TABLE "reminders" ADD COLUMN "task_id" uuid;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dunning_policies_one_default" ON "dunning_policies" USING btree ("business_id") WHERE "dunning_policies"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "dunning_steps_policy_offset_unique" ON "dunning_steps" USING btree ("policy_id","offset_days") WHERE "dunning_steps"."archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "dunning_steps_policy_idx" ON "dunning_steps" USING btree ("policy_id");--> statement-breakpoint
CREATE INDEX "reminders_claimed_idx" ON "reminders" USING btree ("claimed_at") WHERE "reminders"."status" = 'claimed';--> statement-breakpoint
ALTER TABLE "business" ADD CONSTRAINT "business_reminder_window" CHECK ("business"."reminder_window_start_hour" BETWEEN 0 AND 23 AND "business"."reminder_window_end_hour" BETWEEN 1 AND 24 AND "business"."reminder_window_start_hour" < "business"."reminder_window_end_hour");--> statement-breakpoint
ALTER TABLE "business" ADD CONSTRAINT "business_reminder_grace" CHECK ("business"."reminder_grace_days" BETWEEN 0 AND 30);--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_status" CHECK ("reminders"."status" IN ('claimed', 'sent', 'skipped'));
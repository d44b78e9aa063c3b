ALTER TABLE "crm_sync_state" ADD COLUMN "last_success_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "issue_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "last_issue_error" text;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "last_issue_attempt_at" timestamp with time zone;
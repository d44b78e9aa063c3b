CREATE TABLE "crm_sync_queue" (
	"merchant_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"backfill" boolean DEFAULT false NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crm_sync_queue_merchant_id_platform_customer_id_pk" PRIMARY KEY("merchant_id","platform","customer_id")
);
--> statement-breakpoint
CREATE TABLE "crm_sync_state" (
	"merchant_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"parked_reason" text,
	"parked_at" timestamp with time zone,
	"parked_until" timestamp with time zone,
	"backfill_cursor" uuid,
	"backfill_started_at" timestamp with time zone,
	"backfill_done_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crm_sync_state_merchant_id_platform_pk" PRIMARY KEY("merchant_id","platform")
);
--> statement-breakpoint
ALTER TABLE "crm_sync_queue" ADD CONSTRAINT "crm_sync_queue_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_sync_queue" ADD CONSTRAINT "crm_sync_queue_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_sync_state" ADD CONSTRAINT "crm_sync_state_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "crm_sync_queue_claim_idx" ON "crm_sync_queue" USING btree ("merchant_id","platform","backfill","next_attempt_at");--> statement-breakpoint
CREATE INDEX "crm_sync_queue_due_idx" ON "crm_sync_queue" USING btree ("platform","next_attempt_at","merchant_id");--> statement-breakpoint
CREATE INDEX "clicks_advocate_idx" ON "clicks" USING btree ("merchant_id","advocate_id");--> statement-breakpoint
CREATE INDEX "referrals_friend_idx" ON "referrals" USING btree ("merchant_id","friend_customer_id");
CREATE TABLE "checkout_codes" (
	"merchant_id" uuid NOT NULL,
	"code_id" uuid NOT NULL,
	"discount_id" uuid,
	"platform_code_id" text,
	"in_advocate_metafield" boolean DEFAULT false NOT NULL,
	"synced_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	CONSTRAINT "checkout_codes_merchant_id_code_id_pk" PRIMARY KEY("merchant_id","code_id")
);
--> statement-breakpoint
CREATE TABLE "checkout_discounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"program_version_id" uuid NOT NULL,
	"method" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"generation" integer DEFAULT 1 NOT NULL,
	"platform_discount_id" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "checkout_sync_state" (
	"merchant_id" uuid PRIMARY KEY NOT NULL,
	"lease_until" timestamp with time zone,
	"lease_token" text,
	"last_synced_at" timestamp with time zone,
	"last_reconciled_at" timestamp with time zone,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "checkout_codes" ADD CONSTRAINT "checkout_codes_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_codes" ADD CONSTRAINT "checkout_codes_code_id_referral_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."referral_codes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_codes" ADD CONSTRAINT "checkout_codes_discount_id_checkout_discounts_id_fk" FOREIGN KEY ("discount_id") REFERENCES "public"."checkout_discounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_discounts" ADD CONSTRAINT "checkout_discounts_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_discounts" ADD CONSTRAINT "checkout_discounts_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_discounts" ADD CONSTRAINT "checkout_discounts_program_version_id_program_versions_id_fk" FOREIGN KEY ("program_version_id") REFERENCES "public"."program_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_sync_state" ADD CONSTRAINT "checkout_sync_state_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checkout_codes_discount_idx" ON "checkout_codes" USING btree ("merchant_id","discount_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checkout_discounts_version_method_uq" ON "checkout_discounts" USING btree ("merchant_id","program_version_id","method");--> statement-breakpoint
-- Row-level security as migration 0006 sets it for every tenant table.
ALTER TABLE "checkout_discounts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "checkout_discounts" TO referrals_app
  USING (merchant_id = app_merchant_id()) WITH CHECK (merchant_id = app_merchant_id());
--> statement-breakpoint
ALTER TABLE "checkout_codes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "checkout_codes" TO referrals_app
  USING (merchant_id = app_merchant_id()) WITH CHECK (merchant_id = app_merchant_id());
--> statement-breakpoint
ALTER TABLE "checkout_sync_state" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "checkout_sync_state" TO referrals_app
  USING (merchant_id = app_merchant_id()) WITH CHECK (merchant_id = app_merchant_id());

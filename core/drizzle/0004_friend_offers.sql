CREATE TABLE "friend_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"advocate_id" uuid NOT NULL,
	"code_id" uuid,
	"program_version_id" uuid NOT NULL,
	"friend_email_normalized" text,
	"visitor_id" text,
	"discount_code" text NOT NULL,
	"kind" text NOT NULL,
	"bps" integer,
	"amount_minor" bigint,
	"currency" text NOT NULL,
	"minimum_subtotal_minor" bigint,
	"status" text DEFAULT 'pending' NOT NULL,
	"platform_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "friend_offers" ADD CONSTRAINT "friend_offers_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "friend_offers" ADD CONSTRAINT "friend_offers_advocate_id_advocates_id_fk" FOREIGN KEY ("advocate_id") REFERENCES "public"."advocates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "friend_offers" ADD CONSTRAINT "friend_offers_code_id_referral_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."referral_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "friend_offers" ADD CONSTRAINT "friend_offers_program_version_id_program_versions_id_fk" FOREIGN KEY ("program_version_id") REFERENCES "public"."program_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "friend_offers_code_uq" ON "friend_offers" USING btree ("merchant_id","discount_code");--> statement-breakpoint
CREATE UNIQUE INDEX "friend_offers_email_uq" ON "friend_offers" USING btree ("merchant_id","friend_email_normalized") WHERE friend_email_normalized IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "friend_offers_visitor_uq" ON "friend_offers" USING btree ("merchant_id","advocate_id","visitor_id") WHERE friend_email_normalized IS NULL AND visitor_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "friend_offers_visitor_idx" ON "friend_offers" USING btree ("merchant_id","visitor_id");
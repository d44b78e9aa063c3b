CREATE TABLE "checkout_visitors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"platform_order_id" text NOT NULL,
	"checkout_token" text NOT NULL,
	"visitor_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "checkout_visitors" ADD CONSTRAINT "checkout_visitors_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "checkout_visitors_order_visitor_uq" ON "checkout_visitors" USING btree ("merchant_id","platform_order_id","visitor_id");--> statement-breakpoint
-- Row-level security as migration 0006 sets it for every tenant table.
ALTER TABLE "checkout_visitors" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "checkout_visitors" TO referrals_app
  USING (merchant_id = app_merchant_id()) WITH CHECK (merchant_id = app_merchant_id());

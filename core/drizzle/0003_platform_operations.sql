CREATE TABLE "platform_operations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"operation" text NOT NULL,
	"status" text DEFAULT 'started' NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"platform_ref" text,
	"result" jsonb,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "privacy_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"external_id" text NOT NULL,
	"subject" jsonb NOT NULL,
	"status" text DEFAULT 'completed' NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "platform_operations" ADD CONSTRAINT "platform_operations_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "platform_operations_key_uq" ON "platform_operations" USING btree ("merchant_id","platform","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "platform_operations_ref_uq" ON "platform_operations" USING btree ("merchant_id","platform","platform_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "privacy_requests_external_uq" ON "privacy_requests" USING btree ("merchant_id","kind","external_id");
-- Row-level security: defence in depth behind the merchant-scoped handle (core/src/db/merchant-scope.ts).
-- Tenant work runs as the role `referrals_app`, which owns no table and cannot bypass RLS, with
-- `app.merchant_id` set for its transaction; a query that forgets the merchant then sees and
-- writes no other shop's rows. The connecting (owner) role keeps full access for migrations and the
-- few deliberate cross-merchant reads (sweeps, lookups by shop domain or portal).
-- Any later migration that adds a table with merchant_id must enable RLS on it the same way; the
-- RLS test fails for a tenant table without its policy.
DO $$
BEGIN
  CREATE ROLE referrals_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
EXCEPTION
  -- Roles are cluster-wide: another database (or a parallel migration) may have made it already.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  -- The connecting role must be able to SET ROLE to it (a no-op for a superuser).
  EXECUTE format('GRANT referrals_app TO %I', current_user);
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO referrals_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO referrals_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO referrals_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO referrals_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO referrals_app;
--> statement-breakpoint
-- The merchant the current transaction works for; NULL (so no row matches) when none is set.
-- `nullif`: after a transaction that set it, the setting reads '' for the rest of the session.
CREATE OR REPLACE FUNCTION app_merchant_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.merchant_id', true), '')::uuid $$;
--> statement-breakpoint
ALTER TABLE merchants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON merchants TO referrals_app
  USING (id = app_merchant_id()) WITH CHECK (id = app_merchant_id());
--> statement-breakpoint
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT c.table_name
    FROM information_schema.columns c
    JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
    WHERE c.table_schema = 'public' AND c.column_name = 'merchant_id' AND tb.table_type = 'BASE TABLE'
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.table_name);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO referrals_app USING (merchant_id = app_merchant_id()) WITH CHECK (merchant_id = app_merchant_id())',
      t.table_name
    );
  END LOOP;
END
$$;

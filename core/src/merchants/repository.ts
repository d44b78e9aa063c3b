import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { merchants, platformConnections } from '../db/schema/index.js';

export type MerchantRow = typeof merchants.$inferSelect;

/** The merchant behind a Shopify shop domain (e.g. from a webhook's X-Shopify-Shop-Domain). */
export async function findMerchantByShopDomain(
  db: Database,
  shopDomain: string,
): Promise<MerchantRow | null> {
  const [row] = await db.select().from(merchants).where(eq(merchants.shopDomain, shopDomain.toLowerCase()));
  return row ?? null;
}

export type InstallShopInput = { shopDomain: string; name?: string; currency?: string };

/**
 * An install (or reinstall) of the app on a shop: the merchant is created, or brought back to
 * active with its history intact if it had uninstalled (shop/redact, 48 h later, purges it).
 */
export async function installShopMerchant(db: Database, input: InstallShopInput): Promise<MerchantRow> {
  const shopDomain = input.shopDomain.toLowerCase();
  const [row] = await db
    .insert(merchants)
    .values({ shopDomain, name: input.name ?? shopDomain, currency: input.currency ?? 'USD' })
    .onConflictDoUpdate({ target: merchants.shopDomain, set: { status: 'active' } })
    .returning();
  if (!row) throw new Error(`Could not install ${shopDomain}`);
  return row;
}

/** app/uninstalled: the merchant's jobs stop (sweeps and issuers skip non-active merchants). */
export async function markMerchantUninstalled(db: Database, merchantId: string): Promise<void> {
  await db.update(merchants).set({ status: 'uninstalled' }).where(eq(merchants.id, merchantId));
}

export async function findMerchant(db: Database, merchantId: string): Promise<MerchantRow | null> {
  const [row] = await db.select().from(merchants).where(eq(merchants.id, merchantId));
  return row ?? null;
}

/**
 * Merchants whose Shopify orders the reconciliation job re-reads: installed (active) with a
 * working Shopify connection. A revoked or reconnect-needed token cannot read orders anyway.
 * `merchantId` narrows it to one merchant (is it still to be reconciled?).
 */
export async function listShopifyMerchantsToReconcile(
  db: Database,
  filter: { merchantId?: string } = {},
): Promise<{ merchantId: string; shopDomain: string | null }[]> {
  return db
    .select({ merchantId: merchants.id, shopDomain: merchants.shopDomain })
    .from(merchants)
    .innerJoin(
      platformConnections,
      and(
        eq(platformConnections.merchantId, merchants.id),
        eq(platformConnections.platform, 'shopify'),
        eq(platformConnections.status, 'active'),
      ),
    )
    .where(
      and(
        eq(merchants.status, 'active'),
        filter.merchantId ? eq(merchants.id, filter.merchantId) : undefined,
      ),
    )
    .orderBy(asc(merchants.createdAt), asc(merchants.id));
}

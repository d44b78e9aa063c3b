// Queries on merchants. The merchants row is the tenant itself (its id is the merchant id), so
// scoped lookups filter on `id`; the lookups that find a merchant from outside are cross-merchant.
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { forMerchant, sameMerchant } from '../db/merchant-scope.js';
import { merchants, platformConnections } from '../db/schema/index.js';

export type MerchantRow = typeof merchants.$inferSelect;

/** The merchant behind a Shopify shop domain (e.g. from a webhook's X-Shopify-Shop-Domain). */
export async function findMerchantByShopDomain(
  db: Database,
  shopDomain: string,
): Promise<MerchantRow | null> {
  // Cross-merchant by design: the shop domain is how a request names its merchant.
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
  // Cross-merchant by design: no merchant is in hand yet; the shop domain finds or creates it.
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
  await db.update(merchants).set({ status: 'uninstalled' }).where(forMerchant(db, merchantId).merchantRow);
}

export async function findMerchant(db: Database, merchantId: string): Promise<MerchantRow | null> {
  return forMerchant(db, merchantId).transaction(async (m) => {
    const [row] = await m.db.select().from(merchants).where(m.merchantRow);
    return row ?? null;
  });
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
  // Cross-merchant by design: the reconciliation sweep finds due work across all shops.
  return db
    .select({ merchantId: merchants.id, shopDomain: merchants.shopDomain })
    .from(merchants)
    .innerJoin(
      platformConnections,
      and(
        sameMerchant(platformConnections.merchantId, merchants.id),
        eq(platformConnections.platform, 'shopify'),
        eq(platformConnections.status, 'active'),
      ),
    )
    .where(
      and(
        eq(merchants.status, 'active'),
        filter.merchantId ? forMerchant(db, filter.merchantId).merchantRow : undefined,
      ),
    )
    .orderBy(asc(merchants.createdAt), asc(merchants.id));
}

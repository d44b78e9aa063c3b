import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { merchants } from '../db/schema.js';

export type MerchantRow = typeof merchants.$inferSelect;

/** The merchant behind a Shopify shop domain (e.g. from a webhook's X-Shopify-Shop-Domain). */
export async function findMerchantByShopDomain(
  db: Database,
  shopDomain: string,
): Promise<MerchantRow | null> {
  const [row] = await db.select().from(merchants).where(eq(merchants.shopDomain, shopDomain.toLowerCase()));
  return row ?? null;
}

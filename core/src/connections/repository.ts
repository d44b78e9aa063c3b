// Queries on platform connections (one row per merchant and platform).
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import type { MerchantScope } from '../db/merchant-scope.js';
import { platformConnections } from '../db/schema/index.js';

export type ConnectionRow = typeof platformConnections.$inferSelect;
type ConnectionPlatform = ConnectionRow['platform'];
export type ConnectionValues = Omit<typeof platformConnections.$inferInsert, 'merchantId'>;

/** Inserts the merchant's connection to a platform, or replaces its tokens and status. */
export async function upsertConnection(m: MerchantScope, values: ConnectionValues): Promise<void> {
  const row = { ...values, merchantId: m.merchantId };
  await m.db
    .insert(platformConnections)
    .values(row)
    .onConflictDoUpdate({
      target: [platformConnections.merchantId, platformConnections.platform],
      set: { ...row, updatedAt: sql`now()` },
    });
}

export async function findConnectionRow(
  m: MerchantScope,
  platform: ConnectionPlatform,
): Promise<ConnectionRow | null> {
  const [row] = await m.db
    .select()
    .from(platformConnections)
    .where(m.where(platformConnections, eq(platformConnections.platform, platform)));
  return row ?? null;
}

export async function updateConnectionStatus(
  m: MerchantScope,
  platform: ConnectionPlatform,
  status: ConnectionRow['status'],
): Promise<void> {
  await m.db
    .update(platformConnections)
    .set({ status, updatedAt: sql`now()` })
    .where(m.where(platformConnections, eq(platformConnections.platform, platform)));
}

/** The merchant a platform account is connected to. */
export async function findConnectionOwner(
  db: Database,
  platform: ConnectionPlatform,
  externalAccountId: string,
): Promise<Pick<ConnectionRow, 'merchantId' | 'status'> | null> {
  // Cross-merchant by design: a platform account (HubSpot portal) is how a request names its merchant.
  const [row] = await db
    .select({ merchantId: platformConnections.merchantId, status: platformConnections.status })
    .from(platformConnections)
    .where(
      and(
        eq(platformConnections.platform, platform),
        eq(platformConnections.externalAccountId, externalAccountId),
      ),
    );
  return row ?? null;
}

// Platform connections: OAuth tokens sealed with AES-256-GCM before they touch the database.
// The row's (merchant, platform) pair is the AAD, so a sealed token copied to another row fails.
import { and, eq, sql } from 'drizzle-orm';
import { decryptSecret, encryptSecret } from '../crypto/secrets.js';
import type { Database } from '../db/client.js';
import { platformConnections } from '../db/schema/index.js';

export type Platform = 'shopify' | 'hubspot';

export type ConnectionInput = {
  merchantId: string;
  platform: Platform;
  externalAccountId: string;
  accessToken: string;
  refreshToken?: string | null;
  accessTokenExpiresAt?: Date | null;
  scopes?: string;
};

export type Connection = Omit<ConnectionInput, 'refreshToken'> & {
  refreshToken: string | null;
  status: 'active' | 'reconnect_needed' | 'revoked';
};

const aad = (merchantId: string, platform: Platform) => `${merchantId}:${platform}`;

export async function saveConnection(db: Database, key: Buffer, input: ConnectionInput): Promise<void> {
  const context = aad(input.merchantId, input.platform);
  const values = {
    merchantId: input.merchantId,
    platform: input.platform,
    externalAccountId: input.externalAccountId,
    accessTokenEnc: encryptSecret(key, input.accessToken, context),
    refreshTokenEnc: input.refreshToken ? encryptSecret(key, input.refreshToken, context) : null,
    accessTokenExpiresAt: input.accessTokenExpiresAt ?? null,
    scopes: input.scopes ?? '',
    status: 'active' as const,
  };
  await db
    .insert(platformConnections)
    .values(values)
    .onConflictDoUpdate({
      target: [platformConnections.merchantId, platformConnections.platform],
      set: { ...values, updatedAt: sql`now()` },
    });
}

export async function loadConnection(
  db: Database,
  key: Buffer,
  merchantId: string,
  platform: Platform,
): Promise<Connection | null> {
  const [row] = await db
    .select()
    .from(platformConnections)
    .where(and(eq(platformConnections.merchantId, merchantId), eq(platformConnections.platform, platform)));
  if (!row) return null;
  const context = aad(merchantId, platform);
  return {
    merchantId,
    platform,
    externalAccountId: row.externalAccountId,
    accessToken: decryptSecret(key, row.accessTokenEnc, context),
    refreshToken: row.refreshTokenEnc ? decryptSecret(key, row.refreshTokenEnc, context) : null,
    accessTokenExpiresAt: row.accessTokenExpiresAt,
    scopes: row.scopes,
    status: row.status,
  };
}

/** A revoked or failing token: syncs wait and the admin shows "reconnect needed". */
export async function markConnectionStatus(
  db: Database,
  merchantId: string,
  platform: Platform,
  status: Connection['status'],
): Promise<void> {
  await db
    .update(platformConnections)
    .set({ status, updatedAt: sql`now()` })
    .where(and(eq(platformConnections.merchantId, merchantId), eq(platformConnections.platform, platform)));
}

/** The merchant a platform account (a HubSpot portal id, a Shopify domain) is connected to. */
export async function findConnectionByAccount(
  db: Database,
  platform: Platform,
  externalAccountId: string,
): Promise<{ merchantId: string; status: Connection['status'] } | null> {
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

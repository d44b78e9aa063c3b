// Platform connections: OAuth tokens sealed with AES-256-GCM before they touch the database.
// The row's (merchant, platform) pair is the AAD, so a sealed token copied to another row fails.
import { decryptSecret, encryptSecret } from '../crypto/secrets.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import {
  findConnectionOwner,
  findConnectionRow,
  updateConnectionStatus,
  upsertConnection,
} from './repository.js';

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
  const m = forMerchant(db, input.merchantId);
  const context = aad(m.merchantId, input.platform);
  const values = {
    platform: input.platform,
    externalAccountId: input.externalAccountId,
    accessTokenEnc: encryptSecret(key, input.accessToken, context),
    refreshTokenEnc: input.refreshToken ? encryptSecret(key, input.refreshToken, context) : null,
    accessTokenExpiresAt: input.accessTokenExpiresAt ?? null,
    scopes: input.scopes ?? '',
    status: 'active' as const,
  };
  await m.transaction((tx) => upsertConnection(tx, values));
}

export async function loadConnection(
  db: Database,
  key: Buffer,
  merchantId: string,
  platform: Platform,
): Promise<Connection | null> {
  const row = await forMerchant(db, merchantId).transaction((m) => findConnectionRow(m, platform));
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
  await forMerchant(db, merchantId).transaction((m) => updateConnectionStatus(m, platform, status));
}

/** The merchant a platform account (a HubSpot portal id, a Shopify domain) is connected to. */
export async function findConnectionByAccount(
  db: Database,
  platform: Platform,
  externalAccountId: string,
): Promise<{ merchantId: string; status: Connection['status'] } | null> {
  return findConnectionOwner(db, platform, externalAccountId);
}

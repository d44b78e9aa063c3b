import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { platformConnections } from '../db/schema/index.js';
import { dbTest as test } from '../testing/fixtures.js';
import { buildMerchant } from '../testing/index.js';
import { loadConnection, markConnectionStatus, saveConnection } from './index.js';

test('tokens are sealed at rest and come back intact', async ({ engine }) => {
  const key = randomBytes(32);
  const merchant = await buildMerchant(engine.db);
  await saveConnection(engine.db, key, {
    merchantId: merchant.id,
    platform: 'hubspot',
    externalAccountId: 'portal-42',
    accessToken: 'access-secret-123',
    refreshToken: 'refresh-secret-456',
  });
  const raw = await engine.db.execute(
    sql`SELECT encode(access_token_enc, 'escape') AS a, encode(refresh_token_enc, 'escape') AS r FROM platform_connections WHERE merchant_id = ${merchant.id}`,
  );
  const text = JSON.stringify(raw.rows ?? raw);
  expect(text).not.toContain('access-secret-123');
  expect(text).not.toContain('refresh-secret-456');
  expect(await loadConnection(engine.db, key, merchant.id, 'hubspot')).toMatchObject({
    accessToken: 'access-secret-123',
    refreshToken: 'refresh-secret-456',
    status: 'active',
  });
  await expect(loadConnection(engine.db, randomBytes(32), merchant.id, 'hubspot')).rejects.toThrow();
  await markConnectionStatus(engine.db, merchant.id, 'hubspot', 'reconnect_needed');
  const [row] = await engine.db
    .select()
    .from(platformConnections)
    .where(eq(platformConnections.merchantId, merchant.id));
  expect(row?.status).toBe('reconnect_needed');
});

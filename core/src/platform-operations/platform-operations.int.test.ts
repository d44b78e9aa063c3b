import { describe, expect } from 'vitest';
import { buildMerchant } from '../testing/builders.js';
import { dbTest as test } from '../testing/fixtures.js';
import { beginPlatformOperation, claimedPlatformRefs, completePlatformOperation } from './index.js';

describe('platform operation journal', () => {
  test('new -> in doubt on a retry -> succeeded with its result; a ref is owned by one operation', async ({
    database,
  }) => {
    const merchant = await buildMerchant(database.db);
    const key = { merchantId: merchant.id, platform: 'shopify' as const, idempotencyKey: 'issue:a' };
    expect(await beginPlatformOperation(database.db, { ...key, operation: 'credit' })).toEqual({
      state: 'new',
    });
    const again = await beginPlatformOperation(database.db, { ...key, operation: 'credit' });
    expect(again).toMatchObject({ state: 'in_doubt', attempts: 2 });
    expect(await completePlatformOperation(database.db, key, 'gid://tx/1', { amountMinor: 5 })).toBe(true);
    expect(await beginPlatformOperation(database.db, { ...key, operation: 'credit' })).toEqual({
      state: 'succeeded',
      platformRef: 'gid://tx/1',
      result: { amountMinor: 5 },
    });

    const other = { ...key, idempotencyKey: 'issue:b' };
    await beginPlatformOperation(database.db, { ...other, operation: 'credit' });
    expect(await completePlatformOperation(database.db, other, 'gid://tx/1')).toBe(false);
    expect(
      await claimedPlatformRefs(database.db, merchant.id, 'shopify', ['gid://tx/1', 'gid://tx/2']),
    ).toEqual(new Set(['gid://tx/1']));
  });
});

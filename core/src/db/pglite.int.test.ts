// The embedded default: the same migrations and one end-to-end referral on PGlite.
import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { findUnbalancedTransactions } from '../ledger/index.js';
import { issueReward, releaseReward } from '../rewards/index.js';
import {
  buildAdvocate,
  buildMerchant,
  buildProgram,
  deliver,
  orderFacts,
  RecordingRewardIssuer,
} from '../testing/index.js';
import { openDatabase } from './client.js';
import { rewards } from './schema/index.js';

test('migrations and a referral from order to issued reward run on PGlite', async () => {
  const handle = await openDatabase({ dataDir: 'memory://' });
  try {
    expect(handle.kind).toBe('pglite');
    await handle.migrate();
    await handle.migrate(); // idempotent
    const engine = { db: handle.db, ipHashSalt: 'salt' };
    const merchant = await buildMerchant(handle.db);
    const { programId } = await buildProgram(handle.db, merchant.id, { holdDays: 0 });
    const advocate = await buildAdvocate(handle.db, merchant.id, programId);
    const order = orderFacts({ discountCodes: [advocate.code] });
    expect((await deliver(engine, merchant.id, { type: 'OrderPaid', ...order })).status).toBe('processed');
    expect((await deliver(engine, merchant.id, { type: 'OrderPaid', ...order }, 'same')).status).toBe(
      'processed',
    );
    const [reward] = await handle.db.select().from(rewards).where(eq(rewards.merchantId, merchant.id));
    expect(await releaseReward(engine, { merchantId: merchant.id, rewardId: reward!.id })).toBe('released');
    const issuer = new RecordingRewardIssuer();
    expect(await issueReward(engine, issuer, { merchantId: merchant.id, rewardId: reward!.id })).toBe(
      'issued',
    );
    expect(issuer.issued).toHaveLength(1);
    expect(await findUnbalancedTransactions(handle.db, merchant.id)).toEqual([]);
  } finally {
    await handle.close();
  }
});

// The reconcile's look at the platform before it plans: a wanted discount that is gone is made
// again (next generation), one switched off by someone else is flagged, and each code discount's
// redeem codes are compared with our record: codes deleted behind our back are put back, ours found
// there are adopted, strangers are removed.
import { forMerchant } from '../db/merchant-scope.js';
import type { CheckoutDiscountRef, PlatformRedeemCode } from '../ports.js';
import type { ApplyContext } from './apply-checkout-plan.js';
import { specOf } from './load-checkout-state.js';
import { checkoutOfferOf } from './plan-checkout-sync.js';
import { clearPlacementsOn, findCodeIdsByText, recordPlacements } from './repository/codes.js';
import { markDiscountLost, setDiscountError } from './repository/discounts.js';

/** Returns how many things it repaired (discounts lost, codes put back or removed, codes adopted). */
export async function compareWithPlatform(ctx: ApplyContext): Promise<number> {
  const { state, platform } = ctx;
  const m = forMerchant(ctx.db, state.merchantId);
  const wanted = new Map(
    state.programs
      .filter((p) => p.active && checkoutOfferOf(p.inForce.rules) !== null)
      .map((p) => [p.inForce.versionId, p.inForce]),
  );
  let repaired = 0;
  for (const row of state.discounts) {
    const version = wanted.get(row.programVersionId);
    if (row.status !== 'active' || !row.platformDiscountId || !version) continue;
    const ref: CheckoutDiscountRef = {
      merchantId: row.merchantId,
      method: row.method,
      platformId: row.platformDiscountId,
    };
    const verdict = await platform.verify(ref, specOf(state, version, row.method, row.generation));
    if (verdict === 'missing') {
      await m.transaction(async (tx) => {
        await markDiscountLost(tx, row.id, 'The discount was gone from the platform; it is made again.');
        await clearPlacementsOn(tx, row.id);
      });
      repaired += 1;
      continue;
    }
    await m.transaction((tx) =>
      setDiscountError(
        tx,
        row.id,
        verdict === 'inactive'
          ? 'Deactivated on the platform, not by this app: its codes are refused at checkout until it is active again.'
          : null,
      ),
    );
    if (row.method === 'code') repaired += await compareCodes(ctx, row.id, ref);
    await ctx.keepLease();
  }
  return repaired;
}

async function compareCodes(
  ctx: ApplyContext,
  discountId: string,
  ref: CheckoutDiscountRef,
): Promise<number> {
  const m = forMerchant(ctx.db, ctx.state.merchantId);
  const onPlatform = new Map<string, string | null>();
  for await (const page of ctx.platform.listCodes(ref)) {
    for (const c of page) onPlatform.set(c.code.toUpperCase(), c.platformCodeId);
  }
  const recorded = ctx.state.codes.filter((c) => c.discountId === discountId);
  const recordedCodes = new Set(recorded.map((c) => c.code));
  // Deleted behind our back: no longer placed, so the plan adds them again.
  const gone = recorded.filter((c) => !onPlatform.has(c.code));
  // Placed, and the platform now tells us the redeem code's id we did not have.
  const learnt = recorded.filter((c) => c.platformCodeId === null && onPlatform.get(c.code));
  const unknown = [...onPlatform.keys()].filter((code) => !recordedCodes.has(code));
  const ours = await m.transaction((tx) => findCodeIdsByText(tx, unknown));
  const strangers: PlatformRedeemCode[] = unknown
    .filter((code) => !ours.has(code))
    .map((code) => ({ code, platformCodeId: onPlatform.get(code) ?? null }));
  if (strangers.length > 0) await ctx.platform.removeCodes(ref, strangers);
  await m.transaction((tx) =>
    recordPlacements(tx, [
      ...gone.map((c) => ({ codeId: c.codeId, discountId: null, platformCodeId: null })),
      ...learnt.map((c) => ({
        codeId: c.codeId,
        discountId,
        platformCodeId: onPlatform.get(c.code) ?? null,
      })),
      ...[...ours].map(([code, codeId]) => ({
        codeId,
        discountId,
        platformCodeId: onPlatform.get(code) ?? null,
      })),
    ]),
  );
  return gone.length + strangers.length + ours.size;
}

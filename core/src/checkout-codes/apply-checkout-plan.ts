// Carries a sync plan out on the platform, recording each step as it lands: codes come off their
// old discounts first (a redeem code belongs to one discount of a shop at a time), then go on the
// new ones, then the discounts no longer wanted end, then the advocates' own codes are written.
import type { Database } from '../db/client.js';
import { forMerchant, type MerchantScope } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import type { CheckoutDiscountMethod, CheckoutDiscountRef, CheckoutDiscounts } from '../ports.js';
import { type CheckoutState, specOf } from './load-checkout-state.js';
import type { PlannedCode, PlannedVersion, SyncPlan } from './plan-checkout-sync.js';
import {
  clearPlacementsOn,
  recordAdvocateMetafield,
  recordCodeFailures,
  recordPlacements,
} from './repository/codes.js';
import {
  type CheckoutDiscountRow,
  ensureDiscountRow,
  markDiscountCreated,
  markDiscountEnded,
  markDiscountLost,
  reviveDiscountRow,
} from './repository/discounts.js';

/** Codes per addCodes call (the adapter splits them into the platform's batches of 250). */
const ADD_CHUNK = 1000;
/** Advocates per setAdvocateCodes call. */
const ADVOCATE_CHUNK = 100;

export type SyncFailure = { code?: string; platformCustomerId?: string; error: string };

export type ApplyCounts = {
  created: number;
  ended: number;
  added: number;
  removed: number;
  advocatesWritten: number;
  failures: SyncFailure[];
};

export type ApplyContext = {
  db: Database;
  platform: CheckoutDiscounts;
  state: CheckoutState;
  /** Called between steps: extends the run's lease (throws when it was lost). */
  keepLease: () => Promise<void>;
};

const refOf = (row: CheckoutDiscountRow): CheckoutDiscountRef | null =>
  row.platformDiscountId
    ? { merchantId: row.merchantId, method: row.method, platformId: row.platformDiscountId }
    : null;

export async function applyCheckoutPlan(ctx: ApplyContext, plan: SyncPlan): Promise<ApplyCounts> {
  const m = forMerchant(ctx.db, ctx.state.merchantId);
  const write = <T>(fn: (tx: MerchantScope) => Promise<T>) => m.transaction(fn);
  const counts: ApplyCounts = {
    created: 0,
    ended: 0,
    added: 0,
    removed: 0,
    advocatesWritten: 0,
    failures: [],
  };
  const byId = new Map(ctx.state.discounts.map((d) => [d.id, d]));

  // The wanted discounts' rows; automatic ones are made at once, code ones with their first code.
  const rows = new Map<string, { row: CheckoutDiscountRow; version: PlannedVersion }>();
  for (const version of plan.wanted) {
    for (const method of ['code', 'automatic'] as CheckoutDiscountMethod[]) {
      const row = await write(async (tx) => {
        const found = await ensureDiscountRow(tx, {
          programId: version.programId,
          programVersionId: version.versionId,
          method,
        });
        if (found.status !== 'ended') return found;
        await clearPlacementsOn(tx, found.id);
        return reviveDiscountRow(tx, found.id);
      });
      rows.set(`${version.versionId}:${method}`, { row, version });
      if (method === 'automatic' && row.status === 'pending') {
        const made = await ctx.platform.create(specOf(ctx.state, version, method, row.generation), null);
        if ('refused' in made)
          throw new Error(`The automatic checkout discount was refused: ${made.refused}`);
        await write((tx) => markDiscountCreated(tx, row.id, made.platformId));
        counts.created += 1;
        await ctx.keepLease();
      }
    }
  }

  for (const group of plan.remove) {
    const row = byId.get(group.discountId);
    const ref = row ? refOf(row) : null;
    if (ref) await ctx.platform.removeCodes(ref, group.codes);
    await write((tx) =>
      recordPlacements(
        tx,
        group.codes.map((c) => ({ codeId: c.codeId, discountId: null, platformCodeId: null })),
      ),
    );
    counts.removed += group.codes.length;
    await ctx.keepLease();
  }

  for (const group of plan.add) {
    const entry = rows.get(`${group.versionId}:code`);
    if (!entry) continue;
    let { row } = entry;
    const pending = [...group.codes];
    if (row.status === 'pending') {
      const made = await createWithFirstCode(ctx, write, row, entry.version, pending, counts);
      if (!made) continue;
      row = made;
    }
    for (let i = 0; i < pending.length; i += ADD_CHUNK) {
      const chunk = pending.slice(i, i + ADD_CHUNK);
      const ref = refOf(row)!;
      const result = await ctx.platform.addCodes(
        ref,
        chunk.map((c) => c.code),
      );
      if (result.discountMissing) {
        await write(async (tx) => {
          await markDiscountLost(tx, row.id, 'The discount was gone from the platform; it is made again.');
          await clearPlacementsOn(tx, row.id);
        });
        throw new DomainError(
          'RETRY_LATER',
          `Checkout discount ${ref.platformId} is gone; made again next run.`,
        );
      }
      const idOf = new Map(chunk.map((c) => [c.code, c.codeId]));
      await write(async (tx) => {
        await recordPlacements(
          tx,
          result.added.flatMap((a) => {
            const codeId = idOf.get(a.code);
            return codeId ? [{ codeId, discountId: row.id, platformCodeId: a.platformCodeId }] : [];
          }),
        );
        await recordCodeFailures(
          tx,
          result.failed.flatMap((f) => {
            const codeId = idOf.get(f.code);
            return codeId ? [{ codeId, error: failureText(f) }] : [];
          }),
        );
      });
      counts.added += result.added.length;
      counts.failures.push(...result.failed.map((f) => ({ code: f.code, error: failureText(f) })));
      await ctx.keepLease();
    }
  }

  for (const id of plan.end) {
    const row = byId.get(id) ?? [...rows.values()].find((r) => r.row.id === id)?.row;
    const ref = row ? refOf(row) : null;
    if (ref) await ctx.platform.end(ref);
    await write((tx) => markDiscountEnded(tx, id));
    counts.ended += 1;
    await ctx.keepLease();
  }

  for (let i = 0; i < plan.advocates.length; i += ADVOCATE_CHUNK) {
    const chunk = plan.advocates.slice(i, i + ADVOCATE_CHUNK);
    const { failed } = await ctx.platform.setAdvocateCodes(
      ctx.state.merchantId,
      chunk.map((a) => ({ platformCustomerId: a.platformCustomerId, codes: a.codes })),
    );
    const refused = new Set(failed.map((f) => f.platformCustomerId));
    const written = chunk.filter((a) => !refused.has(a.platformCustomerId));
    await write((tx) =>
      recordAdvocateMetafield(
        tx,
        written.flatMap((a) => a.codeIds),
        written.flatMap((a) => a.clearIds),
      ),
    );
    counts.advocatesWritten += written.length;
    counts.failures.push(
      ...failed.map((f) => ({ platformCustomerId: f.platformCustomerId, error: f.error })),
    );
    await ctx.keepLease();
  }
  return counts;
}

const failureText = (f: { error: string; taken: boolean }) =>
  f.taken ? `Another discount of the shop already has this code: ${f.error}` : f.error;

/**
 * Makes a version's code discount carrying the first code the platform takes; codes it refuses
 * are recorded as failed and dropped from `pending`. Returns the active row, or null when none of
 * the codes could start it.
 */
async function createWithFirstCode(
  ctx: ApplyContext,
  write: <T>(fn: (tx: MerchantScope) => Promise<T>) => Promise<T>,
  row: CheckoutDiscountRow,
  version: PlannedVersion,
  pending: PlannedCode[],
  counts: ApplyCounts,
): Promise<CheckoutDiscountRow | null> {
  while (pending.length > 0) {
    const first = pending.shift()!;
    const made = await ctx.platform.create(specOf(ctx.state, version, 'code', row.generation), first.code);
    if ('refused' in made) {
      const error = failureText({ error: made.refused, taken: true });
      await write((tx) => recordCodeFailures(tx, [{ codeId: first.codeId, error }]));
      counts.failures.push({ code: first.code, error });
      continue;
    }
    await write(async (tx) => {
      await markDiscountCreated(tx, row.id, made.platformId);
      await recordPlacements(tx, [
        { codeId: first.codeId, discountId: row.id, platformCodeId: made.firstCode?.platformCodeId ?? null },
      ]);
    });
    counts.created += 1;
    counts.added += 1;
    await ctx.keepLease();
    return { ...row, status: 'active', platformDiscountId: made.platformId };
  }
  return null;
}

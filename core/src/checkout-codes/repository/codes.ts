// Queries on checkout_codes (what was synced of each referral code), reading the codes, their
// advocates and customers (advocates/, customers/) they describe.
import { eq, inArray, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { advocates, checkoutCodes, customers, referralCodes } from '../../db/schema/index.js';

/** Codes advocates share (advocates/' SHARED_KINDS); a friend_offer code is a discount of its own. */
const SHARED_KINDS = ['generated', 'vanity'];

export type SyncCodeRow = Awaited<ReturnType<typeof findSyncCodes>>[number];

/**
 * Every shared code that is active or that the platform may still have (placed on a discount, or
 * in its advocate's metafield), with its advocate, programme and sync record.
 */
export function findSyncCodes(m: MerchantScope) {
  return m.db
    .select({
      codeId: referralCodes.id,
      code: referralCodes.code,
      active: sql<boolean>`${referralCodes.status} = 'active'`,
      advocateId: advocates.id,
      advocateActive: sql<boolean>`${advocates.status} = 'active'`,
      programId: advocates.programId,
      platformCustomerId: customers.platformCustomerId,
      discountId: checkoutCodes.discountId,
      platformCodeId: checkoutCodes.platformCodeId,
      inAdvocateMetafield: sql<boolean>`coalesce(${checkoutCodes.inAdvocateMetafield}, false)`,
      attempts: sql<number>`coalesce(${checkoutCodes.attempts}, 0)`,
    })
    .from(referralCodes)
    .innerJoin(advocates, m.joinOn(advocates, referralCodes.advocateId))
    .innerJoin(customers, m.joinOn(customers, advocates.customerId))
    .leftJoin(checkoutCodes, m.where(checkoutCodes, eq(checkoutCodes.codeId, referralCodes.id)))
    .where(
      m.where(
        referralCodes,
        inArray(referralCodes.kind, SHARED_KINDS as ('generated' | 'vanity')[]),
        or(
          eq(referralCodes.status, 'active'),
          isNotNull(checkoutCodes.discountId),
          eq(checkoutCodes.inAdvocateMetafield, true),
        ) as SQL,
      ),
    )
    .orderBy(referralCodes.createdAt, referralCodes.id);
}

/** The merchant's shared codes by their text (any status), to tell ours from strangers on a discount. */
export async function findCodeIdsByText(m: MerchantScope, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await m.db
    .select({ id: referralCodes.id, code: referralCodes.code })
    .from(referralCodes)
    .where(
      m.where(
        referralCodes,
        inArray(referralCodes.code, codes),
        inArray(referralCodes.kind, SHARED_KINDS as ('generated' | 'vanity')[]),
      ),
    );
  return new Map(rows.map((r) => [r.code, r.id]));
}

export type Placement = { codeId: string; discountId: string | null; platformCodeId: string | null };

/** Records where codes are on the platform now; a successful placement clears their failures. */
export async function recordPlacements(m: MerchantScope, placements: Placement[]): Promise<void> {
  if (placements.length === 0) return;
  await m.db
    .insert(checkoutCodes)
    .values(placements.map((p) => ({ ...p, merchantId: m.merchantId, syncedAt: sql`now()` })))
    .onConflictDoUpdate({
      target: [checkoutCodes.merchantId, checkoutCodes.codeId],
      set: {
        discountId: sql`excluded.discount_id`,
        platformCodeId: sql`excluded.platform_code_id`,
        syncedAt: sql`now()`,
        attempts: 0,
        lastError: null,
        lastErrorAt: null,
      },
    });
}

/** Counts one more failed attempt at each code, with why. */
export async function recordCodeFailures(
  m: MerchantScope,
  failures: { codeId: string; error: string }[],
): Promise<void> {
  for (const f of failures) {
    await m.db
      .insert(checkoutCodes)
      .values({
        merchantId: m.merchantId,
        codeId: f.codeId,
        attempts: 1,
        lastError: f.error,
        lastErrorAt: sql`now()`,
      })
      .onConflictDoUpdate({
        target: [checkoutCodes.merchantId, checkoutCodes.codeId],
        set: {
          attempts: sql`${checkoutCodes.attempts} + 1`,
          lastError: f.error,
          lastErrorAt: sql`now()`,
        },
      });
  }
}

/** Every code placed on one discount is taken off it (the platform lost the discount). */
export async function clearPlacementsOn(m: MerchantScope, discountId: string): Promise<void> {
  await m.db
    .update(checkoutCodes)
    .set({ discountId: null, platformCodeId: null })
    .where(m.where(checkoutCodes, eq(checkoutCodes.discountId, discountId)));
}

/** Which codes are now in their advocates' metafield (`codeIds`) and which are not (`clearIds`). */
export async function recordAdvocateMetafield(
  m: MerchantScope,
  codeIds: string[],
  clearIds: string[],
): Promise<void> {
  if (codeIds.length > 0) {
    await m.db
      .insert(checkoutCodes)
      .values(codeIds.map((codeId) => ({ merchantId: m.merchantId, codeId, inAdvocateMetafield: true })))
      .onConflictDoUpdate({
        target: [checkoutCodes.merchantId, checkoutCodes.codeId],
        set: { inAdvocateMetafield: true },
      });
  }
  if (clearIds.length > 0) {
    await m.db
      .update(checkoutCodes)
      .set({ inAdvocateMetafield: false })
      .where(m.where(checkoutCodes, inArray(checkoutCodes.codeId, clearIds)));
  }
}

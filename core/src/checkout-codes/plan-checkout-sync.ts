// What the platform should have, from our records alone (pure): per active programme whose friend
// reward is a discount, the in-force version's code and automatic discounts; every active code of
// an active advocate of that programme on the version's code discount; each advocate's active codes
// on their customer. The plan is the difference from what was synced.
import type { CheckoutDiscountMethod } from '../ports.js';
import type { ProgramRules } from '../programs/index.js';

/** The friend's offer a checkout discount applies, or null when the friend reward is no discount. */
export type CheckoutOffer =
  | { kind: 'percent_discount'; bps: number }
  | { kind: 'fixed_discount'; amountMinor: number };

export function checkoutOfferOf(rules: ProgramRules): CheckoutOffer | null {
  const reward = rules.friendReward;
  if (reward?.kind === 'percent_discount') return { kind: reward.kind, bps: reward.bps };
  if (reward?.kind === 'fixed_discount') return { kind: reward.kind, amountMinor: reward.amountMinor };
  return null;
}

export type PlannedVersion = {
  programId: string;
  versionId: string;
  version: number;
  rules: ProgramRules;
  effectiveFrom: Date;
};

export type SyncInput = {
  /** Each programme, whether it is active, and the version in force now. */
  programs: { id: string; active: boolean; inForce: PlannedVersion }[];
  /** Every checkout discount on record (ended ones too: a code may still sit on one). */
  discounts: {
    id: string;
    programVersionId: string;
    method: CheckoutDiscountMethod;
    status: 'pending' | 'active' | 'ended';
    platformDiscountId: string | null;
  }[];
  codes: {
    codeId: string;
    code: string;
    active: boolean;
    advocateId: string;
    advocateActive: boolean;
    programId: string;
    platformCustomerId: string | null;
    discountId: string | null;
    platformCodeId: string | null;
    inAdvocateMetafield: boolean;
    attempts: number;
  }[];
  /** Codes that failed this often wait for the reconcile (which passes Infinity). */
  maxAttempts: number;
  /**
   * Rewrite every advocate's metafield, not only those whose codes changed (the reconcile: the
   * platform may have lost what we wrote, and reading it back costs as much as writing it).
   */
  rewriteAdvocates?: boolean;
};

export type PlannedCode = { codeId: string; code: string; platformCodeId: string | null };

export type SyncPlan = {
  /** The discounts that should exist: one per method for each version below. */
  wanted: PlannedVersion[];
  /** Codes to take off each discount (by our discount id). */
  remove: { discountId: string; codes: PlannedCode[] }[];
  /** Codes to put on a version's code discount. */
  add: { versionId: string; codes: PlannedCode[] }[];
  /** Discounts not wanted any more: ended once their codes are off. */
  end: string[];
  /** Advocates whose `advocate_codes` must be rewritten (codes sorted). */
  advocates: { platformCustomerId: string; codes: string[]; codeIds: string[]; clearIds: string[] }[];
  /** Codes left out because they failed `maxAttempts` times already. */
  held: number;
};

const METHODS: CheckoutDiscountMethod[] = ['code', 'automatic'];

export function planCheckoutSync(input: SyncInput): SyncPlan {
  const wanted = input.programs
    .filter((p) => p.active && checkoutOfferOf(p.inForce.rules) !== null)
    .map((p) => p.inForce);
  const versionOfProgram = new Map(wanted.map((v) => [v.programId, v.versionId]));
  const wantedKeys = new Set(wanted.flatMap((v) => METHODS.map((method) => `${v.versionId}:${method}`)));
  const discountById = new Map(input.discounts.map((d) => [d.id, d]));

  const remove = new Map<string, PlannedCode[]>();
  const add = new Map<string, PlannedCode[]>();
  let held = 0;
  for (const code of input.codes) {
    const target = code.active && code.advocateActive ? versionOfProgram.get(code.programId) : undefined;
    const placed = code.discountId ? discountById.get(code.discountId) : undefined;
    const placedRight = placed?.method === 'code' && placed.programVersionId === target;
    const planned = { codeId: code.codeId, code: code.code, platformCodeId: code.platformCodeId };
    if (placed && !placedRight) remove.set(placed.id, [...(remove.get(placed.id) ?? []), planned]);
    if (target && !placedRight) {
      if (code.attempts >= input.maxAttempts) held += 1;
      else add.set(target, [...(add.get(target) ?? []), { ...planned, platformCodeId: null }]);
    }
  }

  const end = input.discounts
    .filter((d) => d.status !== 'ended' && !wantedKeys.has(`${d.programVersionId}:${d.method}`))
    .map((d) => d.id);

  const byAdvocate = new Map<string, SyncInput['codes']>();
  for (const code of input.codes)
    byAdvocate.set(code.advocateId, [...(byAdvocate.get(code.advocateId) ?? []), code]);
  const advocates: SyncPlan['advocates'] = [];
  for (const codes of byAdvocate.values()) {
    const platformCustomerId = codes[0]?.platformCustomerId;
    if (!platformCustomerId) continue;
    const active = codes.filter((c) => c.active);
    const written = codes.filter((c) => c.inAdvocateMetafield);
    const same = active.length === written.length && active.every((c) => c.inAdvocateMetafield);
    if (same && !(input.rewriteAdvocates && active.length > 0)) continue;
    advocates.push({
      platformCustomerId,
      codes: active.map((c) => c.code).sort(),
      codeIds: active.map((c) => c.codeId),
      clearIds: written.filter((c) => !c.active).map((c) => c.codeId),
    });
  }

  return {
    wanted,
    remove: [...remove].map(([discountId, codes]) => ({ discountId, codes })),
    add: [...add].map(([versionId, codes]) => ({ versionId, codes })),
    end,
    advocates,
    held,
  };
}

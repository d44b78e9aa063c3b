// The advocate score's vocabulary: what a formula reads, what it returns, and how a version is named.
import { z } from 'zod';
import { currencySchema, minorUnitsSchema } from '../money/index.js';

/** Every formula ever shipped. A stored score names its version, so it stays explainable after a v2. */
export const formulaVersions = ['v1'] as const;
export type FormulaVersion = (typeof formulaVersions)[number];
/** For reading a stored version back (e.g. from a CRM property). */
export const formulaVersionSchema = z.enum(formulaVersions);

const count = z.int().nonnegative();

/** The facts about one advocate that a formula scores, all for one merchant. */
export const advocateScoreInputSchema = z.object({
  /** Referrals approved or rewarded. */
  successfulReferrals: count,
  /** Order totals of those referrals net of refunds, in the merchant's currency (minor units). */
  referredRevenueMinor: minorUnitsSchema.nonnegative(),
  currency: currencySchema,
  /** Successful referrals whose order was in another currency: left out of the revenue. */
  otherCurrencyReferrals: count.default(0),
  /** Clicks on the advocate's links. */
  clicks: count,
  /** Referred purchases of any status but rejected (a purchase may come from a typed code, not a click). */
  purchases: count,
  /** When the latest successful referral was recorded; null when there is none. */
  lastReferralAt: z.date().nullable(),
  /** Referrals rejected with fraud findings, or held for fraud review. */
  fraudFlags: count,
  now: z.date(),
});
export type AdvocateScoreInput = z.input<typeof advocateScoreInputSchema>;
export type ParsedAdvocateScoreInput = z.output<typeof advocateScoreInputSchema>;

export type ScoreComponentKey = 'referrals' | 'revenue' | 'conversion' | 'recency' | 'fraud';

/** One line of the explanation: what the advocate earned on one axis, out of how many points, and why. */
export type ScoreComponent = {
  key: ScoreComponentKey;
  label: string;
  /** Whole points; negative only for the fraud penalty. The points of all components sum to the score. */
  points: number;
  /** The most this component can add (0 for the penalty, which only takes away). */
  max: number;
  /** One sentence a sales rep can read on a contact record. */
  detail: string;
};

export type AdvocateScore = {
  /** 0-100, a whole number: exactly the sum of `components[].points`. */
  score: number;
  formulaVersion: FormulaVersion;
  components: ScoreComponent[];
  computedAt: Date;
};

/** A formula turns parsed inputs into components; `scoreAdvocate` sums them and checks the invariants. */
export type AdvocateScoreFormula = {
  version: FormulaVersion;
  components(input: ParsedAdvocateScoreInput): ScoreComponent[];
};

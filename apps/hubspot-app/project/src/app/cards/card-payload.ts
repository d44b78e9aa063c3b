/**
 * The contract between the contact-record card and our backend.
 *
 * Request: `GET https://referrals.example.com/hubspot/card?portalId=<n>&contactId=<n>&email=<email>`,
 * sent by the card through `hubspot.fetch` (so HubSpot signs it with `X-HubSpot-Signature-v3`; the
 * backend must verify that signature and must not trust `portalId` without it). `email` is omitted
 * when the contact has none. The backend answers 200 with a `CardPayload` as JSON, 404 when the
 * portal is connected to no store, or another non-2xx status for anything else it cannot answer:
 * the card shows its error state, with a retry, for every non-2xx answer.
 *
 * Conventions: money is an integer in minor units (cents) with its ISO 4217 currency code in upper
 * case; times are ISO 8601 strings with an offset (`2026-05-01T10:00:00.000Z`). Every key is always
 * present; "absent" is `null`, never a missing key. Adding a value to `ReferralSource` or
 * `ReferralStatus` is a contract change: ship the card that knows it first.
 */
export type CardPayload = {
  /**
   * `reconnect_needed`: the portal's HubSpot connection has to be reconnected (refresh token
   * revoked or scopes missing), so nothing is written to HubSpot until an admin reconnects. The
   * referral data below comes from our own database and is still filled in.
   */
  status: 'ok' | 'reconnect_needed';
  contact: { email: string | null };
  /** Who brought this contact in, or null when no referral is attributed to them. */
  referredBy: ReferredBy | null;
  /** The contact's own advocate record, or null when they have not joined the programme. */
  advocate: Advocate | null;
};

export const referralSources = ['link', 'code', 'discount', 'email', 'deal'] as const;
/**
 * How the referral was attributed: `link` a click on the advocate's link, `code` the referral code
 * carried in the cart, `discount` the advocate's discount code used at checkout, `email` an email
 * invitation, `deal` a HubSpot deal.
 */
export type ReferralSource = (typeof referralSources)[number];

export type ReferredBy = {
  /** Null when we do not know the advocate's name. */
  advocateName: string | null;
  /** Null once the advocate's personal data has been erased. */
  advocateEmail: string | null;
  source: ReferralSource;
  /** The code that carried the referral; null for sources without one (`email`, `deal`). */
  code: string | null;
  /** When the referral was attributed. */
  at: string;
};

/** The referral states of core's state machine (core/src/referrals/state-machine.ts). */
export const referralStatuses = [
  'pending',
  'qualified',
  'review',
  'approved',
  'rewarded',
  'rejected',
  'reversed',
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

export type ScoreComponent = {
  /** Stable identifier of the component, e.g. `referrals` or `revenue`. */
  key: string;
  /** What a HubSpot user reads, e.g. "Successful referrals". */
  label: string;
  /** Points this component contributes out of `max` (both may be fractional). */
  points: number;
  max: number;
  /** Why, in one line, e.g. "4 rewarded referrals in 90 days". */
  detail: string;
};

export type AdvocateScore = {
  /** 0 to 100. */
  score: number;
  /** Version of the scoring formula, so old and new scores are not compared blindly. */
  version: number;
  components: ScoreComponent[];
};

export type Referral = {
  /** The friend as the advocate may see them: first name or masked email; null once erased. */
  friend: string | null;
  status: ReferralStatus;
  /** The referred order's total, or null when the referral has no order yet. */
  orderTotalMinor: number | null;
  currency: string;
  /** When the referral was created. */
  at: string;
};

export type Advocate = {
  /** The advocate's referral code, or null when suspended or every code is disabled. */
  code: string | null;
  /** Their shareable referral link, or null when they have no active code. */
  link: string | null;
  score: AdvocateScore;
  /** Newest first; the backend may cap the list (the card shows what it gets). */
  referrals: Referral[];
  /** Revenue of the orders the advocate referred, net of refunds. */
  revenueMinor: number;
  currency: string;
  /** Earned: released or issued; pending: still held through the refund window. */
  rewards: { earnedMinor: number; pendingMinor: number; currency: string };
};

/**
 * The contract between the contact-record card and our backend, shared by both: the card parses
 * every answer with `parseCardPayload`, and the backend (apps/hubspot-app/src/card) builds its
 * answer as a `CardPayload` and its tests feed the real answer through `parseCardPayload`, so the
 * two cannot drift. HubSpot's CLI bundles the card from this folder only, so the module lives
 * here and the backend imports it (as `@referrals/hubspot-card/card-payload`); it imports nothing,
 * so it compiles under the card's bundler settings and the backend's NodeNext ones alike.
 *
 * The runtime check is hand-written rather than a zod schema: zod is not a dependency of the card,
 * and bundled with esbuild --minify it adds about 90 KB gzipped (zod/mini about 5.5 KB) to a card
 * whose whole parser is under 1 KB. The type equality check at the end of this file makes the
 * parser's output type and `CardPayload` the same type at compile time, so neither can gain or
 * lose a field alone.
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

// ---- The runtime check of an answer (the card's only way to trust the backend's JSON) ----
// It returns a fresh object holding only the contract's keys.

/** The answer does not match the contract; `path` says where (`advocate.referrals[0].status`). */
export class CardPayloadError extends Error {
  constructor(
    readonly path: string,
    expected: string,
  ) {
    super(`${path || 'payload'}: expected ${expected}`);
    this.name = 'CardPayloadError';
  }
}

type Check<T> = (value: unknown, path: string) => T;

const fail = (path: string, expected: string): never => {
  throw new CardPayloadError(path, expected);
};

const string: Check<string> = (v, p) => (typeof v === 'string' ? v : fail(p, 'a string'));

const finite: Check<number> = (v, p) =>
  typeof v === 'number' && Number.isFinite(v) ? v : fail(p, 'a finite number');

const minorUnits: Check<number> = (v, p) =>
  Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : fail(p, 'a non-negative integer');

const currency: Check<string> = (v, p) =>
  typeof v === 'string' && /^[A-Z]{3}$/.test(v) ? v : fail(p, 'an ISO 4217 currency code');

const timestamp: Check<string> = (v, p) =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : fail(p, 'an ISO 8601 time');

// The link is rendered as a clickable Link: only https, never `javascript:` or the like.
const httpsUrl: Check<string> = (v, p) =>
  typeof v === 'string' && /^https:\/\/[^\s]+$/.test(v) ? v : fail(p, 'an https URL');

const score: Check<number> = (v, p) =>
  typeof v === 'number' && v >= 0 && v <= 100 ? v : fail(p, 'a number from 0 to 100');

const oneOf =
  <T extends string>(values: readonly T[]): Check<T> =>
  (v, p) =>
    values.includes(v as T) ? (v as T) : fail(p, `one of ${values.join(', ')}`);

const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (v, p) =>
    v === null ? null : check(v, p);

const arrayOf =
  <T>(check: Check<T>): Check<T[]> =>
  (v, p) =>
    Array.isArray(v) ? v.map((item, i) => check(item, `${p}[${i}]`)) : fail(p, 'an array');

type Shape = Record<string, Check<unknown>>;
type Parsed<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

const object =
  <S extends Shape>(shape: S): Check<Parsed<S>> =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'an object');
    const source = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      out[key] = check(source[key], p ? `${p}.${key}` : key);
    }
    return out as Parsed<S>;
  };

const checkPayload = object({
  status: oneOf(['ok', 'reconnect_needed'] as const),
  contact: object({ email: nullable(string) }),
  referredBy: nullable(
    object({
      advocateName: nullable(string),
      advocateEmail: nullable(string),
      source: oneOf<ReferralSource>(referralSources),
      code: nullable(string),
      at: timestamp,
    }),
  ),
  advocate: nullable(
    object({
      code: nullable(string),
      link: nullable(httpsUrl),
      score: object({
        score,
        version: finite,
        components: arrayOf(
          object({ key: string, label: string, points: finite, max: finite, detail: string }),
        ),
      }),
      referrals: arrayOf(
        object({
          friend: nullable(string),
          status: oneOf<ReferralStatus>(referralStatuses),
          orderTotalMinor: nullable(minorUnits),
          currency,
          at: timestamp,
        }),
      ),
      revenueMinor: minorUnits,
      currency,
      rewards: object({ earnedMinor: minorUnits, pendingMinor: minorUnits, currency }),
    }),
  ),
});

/** Checks `value` against the contract; throws `CardPayloadError` on the first mismatch. */
export function parseCardPayload(value: unknown): CardPayload {
  return checkPayload(value, '');
}

// Compile-time: what the parser returns is exactly `CardPayload` (no key more, none less, the same
// nullability); a field added to one side only is a type error here.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const parserMatchesContract: Equal<ReturnType<typeof checkPayload>, CardPayload> = true;
void parserMatchesContract;

// A runtime check of the backend's answer against `CardPayload`. Hand-written instead of zod to keep
// the card's bundle small; it returns a fresh object holding only the contract's keys.
import {
  type CardPayload,
  type ReferralSource,
  type ReferralStatus,
  referralSources,
  referralStatuses,
} from './card-payload';

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

const checkPayload: Check<CardPayload> = object({
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

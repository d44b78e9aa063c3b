import { z } from 'zod';
import { DomainError } from '../errors.js';

/**
 * How a quotient that is not a whole number of minor units is rounded. All modes act on the
 * magnitude, so results are symmetric around zero (`roundDiv(-5, 2)` is `-roundDiv(5, 2)`).
 * - `half-even`: nearest, ties to the even neighbour (banker's rounding; no drift over many rows).
 * - `half-up`: nearest, ties away from zero (what a customer expects on a receipt).
 * - `down`: toward zero (truncation; never pays out more than the exact amount).
 */
export type RoundingMode = 'half-even' | 'half-up' | 'down';

const toBigInt = (value: bigint | number, name: string): bigint => {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) {
    throw new DomainError('VALIDATION', `${name} must be a safe integer, got ${value}`, {
      details: { [name]: value },
    });
  }
  return BigInt(value);
};

/**
 * The one rounding helper: `numerator / denominator` rounded to an integer with `mode`.
 * Exact: the division runs on BigInt, so `amount * bps` may exceed 2^53 on the way. The result
 * must fit in a safe integer, since amounts are stored as JS numbers.
 */
export function roundDiv(
  numerator: bigint | number,
  denominator: bigint | number,
  mode: RoundingMode = 'half-even',
): number {
  const n = toBigInt(numerator, 'numerator');
  const d = toBigInt(denominator, 'denominator');
  if (d === 0n) throw new DomainError('VALIDATION', 'Cannot divide by zero');
  const negative = n < 0n !== d < 0n;
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  let q = a / b;
  const twiceRemainder = (a % b) * 2n;
  if (mode === 'half-up' && twiceRemainder >= b) q += 1n;
  if (mode === 'half-even' && (twiceRemainder > b || (twiceRemainder === b && q % 2n === 1n))) q += 1n;
  const result = Number(negative ? -q : q);
  if (!Number.isSafeInteger(result)) {
    throw new DomainError('VALIDATION', 'Rounded result does not fit in a safe integer', {
      details: { numerator: n.toString(), denominator: d.toString() },
    });
  }
  // `-0` would compare equal but print oddly in logs and snapshots.
  return result === 0 ? 0 : result;
}

/** `amountMinor * bps / 10_000`, rounded. 100 bps = 1 %, 10_000 bps = 100 %. */
export function applyBasisPoints(amountMinor: number, bps: number, mode: RoundingMode = 'half-even'): number {
  return roundDiv(toBigInt(amountMinor, 'amountMinor') * toBigInt(bps, 'bps'), 10_000n, mode);
}

/**
 * The share of `amountMinor` that `part` of `whole` represents (e.g. refund 2 of 5 items).
 * `part` is clamped to `[0, whole]`, so a share never exceeds the amount; `whole <= 0` yields 0.
 */
export function prorate(
  amountMinor: number,
  part: number,
  whole: number,
  mode: RoundingMode = 'half-even',
): number {
  const amount = toBigInt(amountMinor, 'amountMinor');
  const w = toBigInt(whole, 'whole');
  toBigInt(part, 'part');
  if (w <= 0n) return 0;
  const clamped = BigInt(Math.min(Math.max(part, 0), whole));
  return roundDiv(amount * clamped, w, mode);
}

/** The pseudo-currency of loyalty points: 1 minor unit = 1 point. */
export const POINTS_CURRENCY = 'PTS';

/** ISO 4217 alphabetic code (3 uppercase letters) or `PTS` for loyalty points. */
export const currencySchema = z
  .string()
  .regex(/^(?:[A-Z]{3}|PTS)$/, 'Currency must be 3 uppercase letters (ISO 4217) or PTS');

/** An amount in the currency's minor unit (cents, pence, yen, points). */
export const minorUnitsSchema = z.int();

export const moneySchema = z.object({ amountMinor: minorUnitsSchema, currency: currencySchema });
export type Money = { amountMinor: number; currency: string };

/** Exponent per upper-cased code: building an Intl.NumberFormat per call cost ~15 % of a CRM sync's CPU. */
const exponents = new Map<string, number>();

/** Minor-unit exponent of an ISO currency (JPY 0, USD 2, KWD 3), from the runtime's ICU data. */
export function currencyExponent(currency: string): number {
  const code = currency.toUpperCase();
  const known = exponents.get(code);
  if (known !== undefined) return known;
  // Throws a RangeError for a malformed code, which is then not cached. Well-formed codes are at
  // most 26^3, so the map stays small.
  const exponent =
    new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  exponents.set(code, exponent);
  return exponent;
}

/** A platform's decimal string ("123.45") to integer minor units, exactly (no floats). */
export function decimalToMinor(amount: string | number, currency: string): number {
  const text = String(amount).trim();
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new DomainError('VALIDATION', `"${text}" is not a decimal amount.`);
  const exponent = currencyExponent(currency);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.replace(/0+$/, '').length > exponent) {
    throw new DomainError('VALIDATION', `${text} has more decimals than ${currency} allows.`);
  }
  const minor =
    Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0').slice(0, exponent) || '0');
  if (!Number.isSafeInteger(minor)) throw new DomainError('VALIDATION', `${text} is too large.`);
  return sign === '-' && minor !== 0 ? -minor : minor;
}

/** Integer minor units to a platform's decimal string (1234 USD -> "12.34"), exactly. */
export function minorToDecimal(amountMinor: number, currency: string): string {
  if (!Number.isSafeInteger(amountMinor))
    throw new DomainError('VALIDATION', `${amountMinor} is not minor units.`);
  const exponent = currencyExponent(currency);
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${amountMinor < 0 ? '-' : ''}${whole}${fraction}`;
}

// The friend's offer as a Shopify Discount Function (target cart.lines.discounts.generate.run,
// API 2026-10). The app creates two discounts per programme version that run it: a code discount
// whose redeem codes are the advocates' codes, and an automatic discount that applies when the
// cart carries a referral code signed by the app (the /r/:code link's `rs`, copied by the theme
// embed). Both carry the terms in the `$app:referrals.function-configuration` metafield, written
// by the app (src/discounts/function-config.ts is its schema).
//
// Pure and total: no imports the runtime lacks, never throws. Whenever it gives nothing it says
// why on the function's run log (console.error; Shopify shows it in the app's function runs); a
// shopper sees only what the output can carry: the offer's message when it applies, and, from
// the automatic discount, a rejection message when an advocate types their own code.
import { base64url, hexToBytes, hmacSha256, utf8 } from './hmac-sha256.js';

/** Characters of base64url(HMAC-SHA256) kept in `_referral_sig` (132 bits). */
export const SIGNATURE_LENGTH = 22;

/** Shown at checkout when an advocate types one of their own codes (automatic discount only). */
export const OWN_CODE_MESSAGE = "Your own referral code can't be used on your orders.";

/**
 * @param {unknown} input the function input, shaped by cart_lines_discounts_generate_run.graphql
 * @returns {{ operations: object[] }}
 */
export function cartLinesDiscountsGenerateRun(input) {
  try {
    return run(/** @type {any} */ (input) ?? {});
  } catch (error) {
    // A bug or an input shape we did not expect: no discount rather than a failed checkout.
    log(`friend offer not applied: internal_error (${String(error?.message).slice(0, 200)})`);
    return { operations: [] };
  }
}

function run(input) {
  const config = readConfig(input.discount?.configuration?.jsonValue);
  if (typeof config === 'string') return nothing(config, null);
  const customer = input.cart?.buyerIdentity?.customer ?? null;
  const ownCodes = readCodes(customer?.advocateCodes?.jsonValue);
  const operations = [];
  // Only an automatic discount may reject entered codes (the schema says so).
  if (config.mode === 'automatic') {
    const own = (Array.isArray(input.enteredDiscountCodes) ? input.enteredDiscountCodes : []).filter(
      (entered) => entered?.rejectable === true && ownCodes.includes(upper(entered.code)),
    );
    if (own.length > 0) {
      operations.push({
        enteredDiscountCodesReject: { codes: own.map((e) => ({ code: e.code })), message: OWN_CODE_MESSAGE },
      });
      log(`own referral code rejected: ${own.map((e) => upper(e.code)).join(', ')}`);
    }
  }

  const classes = Array.isArray(input.discount?.discountClasses) ? input.discount.discountClasses : [];
  if (!classes.includes('ORDER')) return nothing('no_order_class', config, operations, classes.join(','));

  let code;
  if (config.mode === 'code') {
    code = upper(input.triggeringDiscountCode);
    if (!code) return nothing('no_code', config, operations);
  } else {
    code = upper(input.cart?.referralCode?.value);
    const signature = input.cart?.referralSignature?.value;
    if (!code || typeof signature !== 'string' || signature === '') {
      return nothing('no_referral_attribute', config, operations);
    }
    if (!sameText(signature, signCode(config.signatureKey, code))) {
      return nothing('bad_signature', config, operations, code);
    }
  }
  if (ownCodes.includes(code)) return nothing('own_code', config, operations, code);
  const orders = customer?.numberOfOrders;
  if (config.newCustomersOnly && typeof orders === 'number' && orders > 0) {
    return nothing('existing_customer', config, operations, `${orders} earlier orders`);
  }

  const lines = Array.isArray(input.cart?.lines) ? input.cart.lines : [];
  if (lines.length === 0) return nothing('empty_cart', config, operations);
  // Line subtotals are before any discount: the minimum is compared with what the friend buys.
  let subtotalMinor = 0;
  for (const line of lines) {
    const amount = line?.cost?.subtotalAmount;
    if (amount?.currencyCode !== config.currency) {
      return nothing(
        'currency_mismatch',
        config,
        operations,
        `${amount?.currencyCode} not ${config.currency}`,
      );
    }
    const minor = toMinor(amount.amount, config.currencyExponent);
    if (minor === null) return nothing('unreadable_amount', config, operations, String(amount.amount));
    subtotalMinor += minor;
  }
  if (subtotalMinor < config.minimumSubtotalMinor) {
    const detail = `${toDecimal(subtotalMinor, config.currencyExponent)} < ${toDecimal(config.minimumSubtotalMinor, config.currencyExponent)}`;
    return nothing('below_minimum', config, operations, detail);
  }

  const value =
    config.offer.kind === 'percent_discount'
      ? { percentage: { value: bpsToPercent(config.offer.bps) } }
      : { fixedAmount: { amount: toDecimal(config.offer.amountMinor, config.currencyExponent) } };
  operations.push({
    orderDiscountsAdd: {
      selectionStrategy: 'FIRST',
      candidates: [
        {
          ...(config.message ? { message: config.message } : {}),
          targets: [{ orderSubtotal: { excludedCartLineIds: [] } }],
          value,
        },
      ],
    },
  });
  return { operations };
}

/** No order discount, and the reason on the run log. */
function nothing(reason, config, operations = [], detail = '') {
  const version = config ? ` version ${config.programVersionId}` : '';
  log(`friend offer not applied: ${reason}${detail ? ` (${detail})` : ''}${version}`);
  return { operations };
}

function log(line) {
  if (typeof console !== 'undefined' && typeof console.error === 'function') console.error(line);
}

const upper = (text) => (typeof text === 'string' ? text.trim().toUpperCase() : '');

/** The signature the app puts in `rs` / `_referral_sig` for an upper-case code. */
export function signCode(signatureKeyHex, code) {
  const key = hexToBytes(signatureKeyHex);
  if (!key) return '';
  return base64url(hmacSha256(key, utf8(code))).slice(0, SIGNATURE_LENGTH);
}

/** Equal strings, compared without stopping at the first difference. */
function sameText(a, b) {
  if (a.length !== b.length || b.length === 0) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const isInt = (n, min, max = Number.MAX_SAFE_INTEGER) => Number.isInteger(n) && n >= min && n <= max;

/**
 * The configuration (version 1) or why it cannot be used. Checked field by field here (no zod in
 * the function); the app writes it with the zod schema of src/discounts/function-config.ts.
 */
function readConfig(raw) {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return 'bad_configuration';
    }
  }
  if (value === null || value === undefined) return 'no_configuration';
  if (typeof value !== 'object') return 'bad_configuration';
  if (value.v !== 1) return 'unsupported_configuration_version';
  const offer = value.offer;
  const offerOk =
    (offer?.kind === 'percent_discount' && isInt(offer.bps, 1, 10_000)) ||
    (offer?.kind === 'fixed_discount' && isInt(offer.amountMinor, 1));
  const ok =
    (value.mode === 'code' || value.mode === 'automatic') &&
    typeof value.programVersionId === 'string' &&
    offerOk &&
    typeof value.currency === 'string' &&
    /^[A-Z]{3}$/.test(value.currency) &&
    isInt(value.currencyExponent, 0, 4) &&
    isInt(value.minimumSubtotalMinor, 0) &&
    typeof value.newCustomersOnly === 'boolean' &&
    (value.message === undefined || typeof value.message === 'string') &&
    (value.mode === 'code' ||
      (typeof value.signatureKey === 'string' && /^[0-9a-f]{64}$/i.test(value.signatureKey)));
  return ok ? value : 'bad_configuration';
}

/** The buyer's own referral codes (the advocate_codes metafield, a JSON list), upper-cased. */
function readCodes(raw) {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return [];
    }
  }
  return Array.isArray(value) ? value.map(upper).filter(Boolean) : [];
}

/** A Decimal ("25.5", "25.50", 25.5) in minor units, exactly; null when it is not one. */
function toMinor(amount, exponent) {
  const text = typeof amount === 'number' ? String(amount) : amount;
  const match = typeof text === 'string' ? /^(\d+)(?:\.(\d+))?$/.exec(text.trim()) : null;
  if (!match) return null;
  const fraction = match[2] ?? '';
  // More decimals than the currency has: only zeros are allowed there.
  if (/[1-9]/.test(fraction.slice(exponent))) return null;
  const minor =
    Number(match[1]) * 10 ** exponent + Number(fraction.slice(0, exponent).padEnd(exponent, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units as a Decimal string with the currency's exponent (1000, 2 -> "10.00"). */
function toDecimal(minor, exponent) {
  const digits = String(minor).padStart(exponent + 1, '0');
  return exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** Basis points as a percentage Decimal string (1500 -> "15", 1250 -> "12.5", 1 -> "0.01"). */
function bpsToPercent(bps) {
  const fraction = String(bps % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${Math.floor(bps / 100)}.${fraction}` : String(Math.floor(bps / 100));
}

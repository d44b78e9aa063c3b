// The theme embed's touch history on the cart (`_referral_touches`), parsed strictly: up to 5
// distinct codes, each with when the embed first and last saw it in the storefront's URL.
// Anyone can set a cart attribute, so a malformed value is dropped with the reason, never a crash,
// and a time after the order (a shopper's clock running ahead) is clamped to the order's time.
// Shared by the webhook mapper and the reconciliation so both give the engine the same facts.
import type { OrderFacts } from '@referrals/core';
import { z } from 'zod';
import { REFERRAL_TOUCHES_ATTRIBUTE } from './payloads.js';

/** `CODE:first:last` (epoch seconds), entries joined by `|`: `ABC123:1731400000:1731403600|XYZ789:…`. */
const ENTRY = /^([A-Za-z0-9_-]{3,32}):(\d{1,10}):(\d{1,10})$/;
export const MAX_CART_TOUCHES = 5;

const sameCode = (a: string, b: string) =>
  a.toUpperCase().replace(/-/g, '') === b.toUpperCase().replace(/-/g, '');

export const cartTouchesAttributeSchema = z
  .string()
  .max(MAX_CART_TOUCHES * 56, 'is too long')
  .transform((value, ctx) => {
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    const entries = value.split('|');
    if (entries.length > MAX_CART_TOUCHES) return fail(`holds more than ${MAX_CART_TOUCHES} codes`);
    const touches: { code: string; firstSeen: number; lastSeen: number }[] = [];
    for (const entry of entries) {
      const [, code, first, last] = ENTRY.exec(entry) ?? [];
      if (!code || !first || !last) return fail('an entry is not CODE:first:last');
      if (Number(first) > Number(last)) return fail('an entry was last seen before it was first seen');
      if (touches.some((t) => sameCode(t.code, code))) return fail('repeats a code');
      touches.push({ code, firstSeen: Number(first), lastSeen: Number(last) });
    }
    return touches;
  });

export type CartTouchFacts = Pick<OrderFacts, 'cartTouches' | 'cartTouchesNote'>;

/** The cart touches of an order placed at `orderAt`, from the attribute's raw value (null: none). */
export function parseCartTouches(raw: string | null, orderAt: Date): CartTouchFacts {
  if (raw === null) return { cartTouches: [], cartTouchesNote: null };
  const parsed = cartTouchesAttributeSchema.safeParse(raw);
  if (!parsed.success) {
    const why = parsed.error.issues[0]?.message ?? 'is malformed';
    return {
      cartTouches: [],
      cartTouchesNote: `Ignored: cart attribute ${REFERRAL_TOUCHES_ATTRIBUTE} ${why}, so its touches were not counted`,
    };
  }
  let clamped = 0;
  const at = (seconds: number) => {
    if (seconds * 1000 <= orderAt.getTime()) return new Date(seconds * 1000);
    clamped += 1;
    return orderAt;
  };
  const cartTouches = parsed.data.map((t) => ({
    code: t.code,
    firstSeenAt: at(t.firstSeen),
    lastSeenAt: at(t.lastSeen),
  }));
  return {
    cartTouches,
    cartTouchesNote:
      clamped > 0
        ? `Clamped: ${clamped} time(s) in cart attribute ${REFERRAL_TOUCHES_ATTRIBUTE} came after the order (the shopper's clock), counted at the order time`
        : null,
  };
}

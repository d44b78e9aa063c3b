// The sandbox storefront's carts, one per browser (the `cart` cookie), in memory like the
// emulator: Shopify's cart keeps line items and attributes, and `/cart/update.js` merges
// attributes, a blank value removing one (the embed clears `_referral_sig` that way).
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export type CartLine = { handle: string; title: string; priceMinor: number; quantity: number };
export type Cart = { token: string; lines: CartLine[]; attributes: Record<string, string> };

export const CART_COOKIE = 'cart';

/** The body of POST /cart/update.js as the theme embed sends it (Shopify's Ajax Cart API). */
export const cartUpdateSchema = z.object({
  attributes: z.record(z.string().max(64), z.string().max(1024)).optional(),
});

export class Carts {
  readonly #carts = new Map<string, Cart>();

  /** The browser's cart, or a new empty one (its token goes in the cookie). */
  get(token: string | undefined): Cart {
    const known = token ? this.#carts.get(token) : undefined;
    if (known) return known;
    const cart: Cart = { token: randomBytes(12).toString('hex'), lines: [], attributes: {} };
    this.#carts.set(cart.token, cart);
    return cart;
  }

  add(cart: Cart, line: Omit<CartLine, 'quantity'>, quantity: number): void {
    const same = cart.lines.find((l) => l.handle === line.handle);
    if (same) same.quantity += quantity;
    else cart.lines.push({ ...line, quantity });
  }

  updateAttributes(cart: Cart, attributes: Record<string, string>): void {
    for (const [key, value] of Object.entries(attributes)) {
      if (value === '') delete cart.attributes[key];
      else cart.attributes[key] = value;
    }
  }

  /** After checkout Shopify starts a new cart; the attributes went with the order. */
  clear(cart: Cart): void {
    cart.lines = [];
    cart.attributes = {};
  }
}

export const subtotalMinor = (cart: Cart): number =>
  cart.lines.reduce((sum, l) => sum + l.priceMinor * l.quantity, 0);

/** GET /cart.js: the fields of Shopify's cart object the embed and pages read. */
export const cartJson = (cart: Cart, currency: string) => ({
  token: cart.token,
  item_count: cart.lines.reduce((n, l) => n + l.quantity, 0),
  items: cart.lines.map((l) => ({
    handle: l.handle,
    title: l.title,
    quantity: l.quantity,
    price: l.priceMinor,
    line_price: l.priceMinor * l.quantity,
  })),
  attributes: cart.attributes,
  total_price: subtotalMinor(cart),
  currency,
});

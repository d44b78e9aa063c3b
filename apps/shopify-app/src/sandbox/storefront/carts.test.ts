import { expect, test } from 'vitest';
import { Carts, cartJson, cartUpdateSchema } from './carts.js';

test('each browser keeps its own cart; update.js merges attributes and a blank value removes one', () => {
  const carts = new Carts();
  const mine = carts.get(undefined);
  expect(carts.get(mine.token)).toBe(mine);
  expect(carts.get('unknown-token')).not.toBe(mine);
  carts.updateAttributes(mine, { _referral_code: 'AB12', _referral_sig: 'sig-sig-sig-sig-sig' });
  carts.updateAttributes(mine, { _referral_sig: '', _referral_visitor: 'v-1' });
  expect(mine.attributes).toEqual({ _referral_code: 'AB12', _referral_visitor: 'v-1' });
  carts.add(mine, { handle: 'tee', title: 'Tee', priceMinor: 4000 }, 1);
  carts.add(mine, { handle: 'tee', title: 'Tee', priceMinor: 4000 }, 2);
  expect(cartJson(mine, 'USD')).toMatchObject({ item_count: 3, total_price: 12_000, currency: 'USD' });
  carts.clear(mine);
  expect(cartJson(mine, 'USD')).toMatchObject({ item_count: 0, attributes: {} });
});

test('a cart update that is not attributes of strings is refused', () => {
  expect(cartUpdateSchema.safeParse({ attributes: { _referral_code: 5 } }).success).toBe(false);
  expect(cartUpdateSchema.safeParse({ attributes: { a: 'x'.repeat(2000) } }).success).toBe(false);
  expect(cartUpdateSchema.safeParse({ attributes: { _referral_code: 'AB12' } }).success).toBe(true);
});

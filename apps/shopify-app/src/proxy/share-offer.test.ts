import type { ProgramRulesInput } from '@referrals/core';
import { programRulesSchema } from '@referrals/core/testing';
import { expect, test } from 'vitest';
import { advocateShare, formatMoneyShort, offerHeadline, shareMessage } from './share-offer.js';

const rules = (input: Partial<ProgramRulesInput> = {}) =>
  programRulesSchema.parse({
    advocateReward: { kind: 'store_credit', amountMinor: 1000 },
    friendReward: { kind: 'percent_discount', bps: 1500 },
    ...input,
  });
const LINK = 'https://referrals.example.com/r/ADA-15?shop=acme.myshopify.com';
const nbsp = (text: string) => text.replace(/\u00a0/g, ' ');

test.each<[number, string, string]>([
  [1000, 'USD', '$10'],
  [1050, 'USD', '$10.50'],
  [5, 'USD', '$0.05'],
  [1500, 'JPY', '¥1,500'],
  [2000, 'EUR', '€20'],
  [1234, 'KWD', 'KWD 1.234'],
  [2000, 'KWD', 'KWD 2'],
  [250, 'PTS', '250 points'],
])('formatMoneyShort(%i, %s) = %s', (minor, currency, expected) => {
  expect(nbsp(formatMoneyShort(minor, currency))).toBe(expected);
});

test.each<[Partial<ProgramRulesInput>, string, string]>([
  [{}, 'USD', 'Give 15%, get $10'],
  [{}, 'EUR', 'Give 15%, get €10'],
  [{ friendReward: { kind: 'fixed_discount', amountMinor: 1250 } }, 'GBP', 'Give £12.50, get £10'],
  [{ advocateReward: { kind: 'points', points: 500 } }, 'USD', 'Give 15%, get 500 points'],
  [{ advocateReward: { kind: 'gift_card', amountMinor: 2500 } }, 'USD', 'Give 15%, get a $25 gift card'],
  [{ advocateReward: { kind: 'store_credit', bps: 1000 } }, 'USD', 'Give 15%, get 10% back'],
  [{ advocateReward: null }, 'USD', 'Give your friends 15%'],
  [{ friendReward: null }, 'USD', 'Get $10 for each friend you refer'],
])('offerHeadline(%j, %s) = %s', (input, currency, expected) => {
  expect(offerHeadline(rules(input), currency)).toBe(expected);
});

test('the message states the offer in the shop currency and discloses the advocate reward', () => {
  expect(shareMessage(rules({ eligibility: { minimumOrderMinor: 5000 } }), 'EUR', LINK)).toEqual({
    text: "Here's 15% off your first order of €50.00 or more. (I get €10.00 in store credit if you order.)",
    withLink: `Here's 15% off your first order of €50.00 or more: ${LINK} (I get €10.00 in store credit if you order.)`,
  });
  // Nothing to disclose when the advocate earns nothing.
  expect(shareMessage(rules({ advocateReward: null }), 'USD', LINK).withLink).toBe(
    `Here's 15% off your first order: ${LINK}`,
  );
});

test('every share link carries the URL-encoded message, link and disclosure', () => {
  const share = advocateShare(rules(), 'USD', 'ADA-15', LINK);
  const text = "Here's 15% off your first order. (I get $10.00 in store credit if you order.)";
  const withLink = `Here's 15% off your first order: ${LINK} (I get $10.00 in store credit if you order.)`;
  const enc = encodeURIComponent;
  expect(share.links).toEqual({
    whatsapp: `https://wa.me/?text=${enc(withLink)}`,
    sms: `sms:?&body=${enc(withLink)}`,
    email: `mailto:?subject=${enc('A gift for you: 15% off your first order')}&body=${enc(withLink)}`,
    x: `https://twitter.com/intent/tweet?text=${enc(text)}&url=${enc(LINK)}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${enc(LINK)}`,
  });
  // Decoded, each link reads as the message (no raw & or ? from the link breaks the query).
  expect(new URL(share.links.whatsapp).searchParams.get('text')).toBe(withLink);
  expect(new URL(share.links.email).searchParams.get('body')).toBe(withLink);
  expect(new URL(share.links.x).searchParams.get('url')).toBe(LINK);
  expect(share.headline).toBe('Give 15%, get $10');
});

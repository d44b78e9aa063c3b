// The sandbox shop's cast and rules: deterministic (a seeded PRNG), so every start rebuilds the same
// people and can hand them to the emulator again, which forgets everything on restart.
import type { ProgramRulesInput } from '@referrals/core';
import { CITIES, FIRST, LAST, STREETS } from './names.js';

export const DAY_MS = 86_400_000;
export const CURRENCY = 'USD';

/** Mulberry32: a tiny deterministic PRNG in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Version 1, in force from 61 days ago: rewards are released at once (holdDays 0). The hold is
 * measured from when the engine grants the reward (processing time), not from the order's date,
 * so a backdated order under a 14-day hold would still wait 14 days from today. Two versions give
 * the demo both: orders judged by v1 (older than 10 days) are issued by the worker straight away,
 * orders judged by v2 (the last 10 days) stay held for 14 days.
 */
export const SANDBOX_RULES_V1: ProgramRulesInput = {
  advocateReward: { kind: 'store_credit', amountMinor: 1000 },
  friendReward: { kind: 'percent_discount', bps: 1500 },
  holdDays: 0,
  eligibility: { newCustomersOnly: true, minimumOrderMinor: 2500, attributionWindowDays: 30 },
  // Tighter velocity limits than the defaults (5 an hour, 20 a day), so the demo's burst of five
  // shows in review: velocity alone scores 50, the review threshold.
  fraud: { reviewAt: 50, rejectAt: 80, rules: { velocity: { maxPerHour: 3, maxPerDay: 10 } } },
};

/** Version 2, published by the seed and in force from 10 days ago: $15, held for 14 days. */
export const SANDBOX_RULES_V2: ProgramRulesInput = {
  ...SANDBOX_RULES_V1,
  advocateReward: { kind: 'store_credit', amountMinor: 1500 },
  holdDays: 14,
};
export const V1_EFFECTIVE_DAYS_AGO = 61;
export const V2_EFFECTIVE_DAYS_AGO = 10;

export type Address = { address1: string; city: string; zip: string; country_code: string };
export type Person = {
  platformCustomerId: string;
  firstName: string;
  lastName: string;
  email: string;
  address: Address;
};

const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

function person(rand: () => number, id: number, first: string, last: string, email: string): Person {
  const [city, zip] = CITIES[Math.floor(rand() * CITIES.length)]!;
  return {
    platformCustomerId: String(id),
    firstName: first,
    lastName: last,
    email,
    address: {
      address1: `${10 + Math.floor(rand() * 980)} ${STREETS[Math.floor(rand() * STREETS.length)]}`,
      city,
      zip,
      country_code: 'US',
    },
  };
}

/** The 40 advocates (customer ids 2001–2040). */
export function sandboxAdvocates(): Person[] {
  const rand = prng(2001);
  return FIRST.map((first, i) => {
    const last = LAST[(i * 7) % LAST.length]!;
    return person(rand, 2001 + i, first, last, `${ascii(first)}.${ascii(last)}@example.com`);
  });
}

/** `count` friends (customer ids from 3001); the number in their email keeps it apart from any advocate's. */
export function sandboxFriends(count: number): Person[] {
  const rand = prng(3001);
  return Array.from({ length: count }, (_, i) => {
    const first = FIRST[(i * 11 + 3) % FIRST.length]!;
    const last = LAST[(i * 13 + 5) % LAST.length]!;
    return person(rand, 3001 + i, first, last, `${ascii(first)}${ascii(last)[0]}${i + 1}@example.com`);
  });
}

/**
 * Client IPs from the documentation ranges (RFC 5737). 203.0.113.200–254 are kept for the
 * advocates' own orders, so no friend shares an advocate's IP by accident.
 */
export function visitorIp(n: number): string {
  const pool = n % 3;
  const host = Math.floor(n / 3) % (pool === 2 ? 199 : 254);
  return [`192.0.2.${host + 1}`, `198.51.100.${host + 1}`, `203.0.113.${host + 1}`][pool]!;
}
export const advocateIp = (index: number) => `203.0.113.${200 + (index % 55)}`;

export const customerGid = (platformCustomerId: string) => `gid://shopify/Customer/${platformCustomerId}`;

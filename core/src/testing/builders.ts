// Builders for test fixtures: the smallest valid merchant, program and advocate, overridable.
import { randomBytes } from 'node:crypto';
import { enrollAdvocate } from '../advocates/index.js';
import type { Database } from '../db/client.js';
import { merchants } from '../db/schema/index.js';
import type { OrderFacts } from '../events/index.js';
import { createProgram, type ProgramRulesInput } from '../programs/index.js';

export async function buildMerchant(db: Database, overrides: Partial<typeof merchants.$inferInsert> = {}) {
  const suffix = randomBytes(4).toString('hex');
  const [row] = await db
    .insert(merchants)
    .values({ name: `Shop ${suffix}`, shopDomain: `shop-${suffix}.myshopify.com`, ...overrides })
    .returning();
  return row!;
}

export const baseRules = (overrides: Partial<ProgramRulesInput> = {}): ProgramRulesInput => ({
  advocateReward: { kind: 'store_credit', amountMinor: 1000 },
  friendReward: { kind: 'percent_discount', bps: 1500 },
  holdDays: 14,
  ...overrides,
});

export async function buildProgram(
  db: Database,
  merchantId: string,
  rules: Partial<ProgramRulesInput> = {},
  effectiveFrom?: Date,
) {
  return createProgram(db, {
    merchantId,
    name: 'Give 15%, get $10',
    rules: baseRules(rules),
    actor: 'test',
    ...(effectiveFrom ? { effectiveFrom } : {}),
  });
}

let seq = 0;
export async function buildAdvocate(db: Database, merchantId: string, programId: string, email?: string) {
  seq += 1;
  const address = email ?? `advocate${seq}-${randomBytes(3).toString('hex')}@example.com`;
  const enrolled = await enrollAdvocate(db, {
    merchantId,
    programId,
    customer: { platformCustomerId: `cust-adv-${randomBytes(5).toString('hex')}`, email: address },
    consentAt: new Date('2026-01-01T00:00:00Z'),
  });
  if (!enrolled.code) throw new Error('a new advocate always gets a code');
  return { ...enrolled, code: enrolled.code, email: address };
}

export function orderFacts(overrides: Partial<OrderFacts> = {}): OrderFacts {
  seq += 1;
  return {
    orderId: `order-${seq}-${randomBytes(3).toString('hex')}`,
    occurredAt: new Date(),
    customer: {
      id: `cust-friend-${randomBytes(5).toString('hex')}`,
      email: `friend${seq}-${randomBytes(3).toString('hex')}@example.org`,
    },
    totalMinor: 10_000,
    subtotalMinor: 10_000,
    currency: 'USD',
    discountCodes: [],
    ...overrides,
  };
}

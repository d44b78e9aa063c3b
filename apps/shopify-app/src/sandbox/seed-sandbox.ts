// Sandbox mode's demo data: once the app listens, the sandbox shop lives through 60 days of a
// referral programme by the same public paths a real shop uses - advocates enrol, friends click
// links (GET /r/:code), Shopify sends signed orders/paid and refunds/create webhooks to /webhooks -
// so whatever the admin shows is what the engine and the worker decided. Seeded once: the marker
// is the programme's second version, which the seed publishes before anything else.
import {
  countProgramVersions,
  createProgram,
  type Database,
  enrollAdvocate,
  explainOrder,
  findAnyProgramId,
  getAdvocateDashboard,
  listRewardOrders,
  publishProgramVersion,
} from '@referrals/core';
import type { ShopState } from '@referrals/shopify-emulator';
import type { Logger } from 'pino';
import {
  CURRENCY,
  customerGid,
  DAY_MS,
  SANDBOX_RULES_V1,
  SANDBOX_RULES_V2,
  V1_EFFECTIVE_DAYS_AGO,
  V2_EFFECTIVE_DAYS_AGO,
} from './demo-data.js';
import { buildSandboxPlan, type PlannedOrder, type SandboxPlan } from './order-plan.js';
import { orderPayload } from './payloads.js';
import { clickLink, deliverWebhook, inBatches } from './public-paths.js';

export type SeedSandboxDeps = {
  db: Database;
  logger: Logger;
  /** Where the Shopify app listens, reached over loopback (e.g. http://127.0.0.1:3000). */
  appUrl: string;
  shop: string;
  merchantId: string;
  /** The secret webhooks are signed with (the emulator's app secret). */
  apiSecret: string;
  /** The emulated shop: it must know every customer a reward is issued to. */
  emulatorShop: Pick<ShopState, 'addCustomer'>;
  now?: Date;
  /** How long to wait for the worker to issue the reward that is then clawed back (default 2 min). */
  issueTimeoutMs?: number;
};

export type SeedSandboxResult = {
  /** False when the shop was seeded by an earlier start (the customers are still re-added). */
  seeded: boolean;
  advocates: number;
  orders: number;
  clicks: number;
  refunds: number;
};

export async function seedSandbox(deps: SeedSandboxDeps): Promise<SeedSandboxResult> {
  const now = deps.now ?? new Date();
  const plan = buildSandboxPlan(now);
  // Every start: the emulator forgot the customers, and held rewards will be issued to them later.
  rememberSandboxCustomers(deps.emulatorShop, plan);
  const programId = await sandboxProgramId(deps.db, deps.merchantId);
  if ((await countProgramVersions(deps.db, deps.merchantId, programId)) >= 2) {
    return { seeded: false, advocates: plan.advocates.length, orders: 0, clicks: 0, refunds: 0 };
  }
  // The marker first: a seed that fails half-way is not repeated (its webhooks would be no-ops,
  // but its clicks would count twice); the error is logged by the caller.
  await publishProgramVersion(deps.db, {
    merchantId: deps.merchantId,
    programId,
    rules: SANDBOX_RULES_V2,
    actor: 'sandbox',
    effectiveFrom: new Date(now.getTime() - V2_EFFECTIVE_DAYS_AGO * DAY_MS),
  });

  const codes: string[] = [];
  for (const [i, person] of plan.advocates.entries()) {
    const enrolled = await enrollAdvocate(deps.db, {
      merchantId: deps.merchantId,
      programId,
      customer: {
        platformCustomerId: person.platformCustomerId,
        email: person.email,
        firstName: person.firstName,
      },
      consentAt: new Date(now.getTime() - (60 + (i % 30)) * DAY_MS),
      actor: 'sandbox',
    });
    if (!enrolled.code) throw new Error(`sandbox seed: advocate ${person.email} has no active code`);
    codes.push(enrolled.code);
  }

  let clicks = 0;
  const visitorIds = await inBatches(plan.visitors, 8, async (visitor, i) => {
    let id: string | null = null;
    for (let n = 0; n < visitor.clicks; n++) {
      const input = {
        shop: deps.shop,
        code: codes[visitor.advocate]!,
        ip: visitor.ip,
        visitorId: id,
        agent: i,
      };
      id = await clickLink(deps.appUrl, input);
      clicks += 1;
    }
    return id;
  });

  const hook = (topic: string, eventId: string, payload: unknown) =>
    deliverWebhook(deps.appUrl, { shop: deps.shop, secret: deps.apiSecret, topic, eventId, payload });
  for (const order of plan.orders) {
    const code = order.advocate === null ? null : codes[order.advocate]!;
    const visitorId = order.visitor === null ? null : (visitorIds[order.visitor] ?? null);
    await hook('orders/paid', `sandbox-seed-order-${order.orderId}`, orderPayload(order, code, visitorId));
    // The velocity rule counts the advocate's referrals already committed: the worker runs jobs in
    // parallel, so each order of the burst waits for the one before it to be decided.
    if (order.kind === 'velocity') await waitUntilDecided(deps, order);
  }

  let refunds = 0;
  for (const order of plan.orders.filter((o) => o.refund)) {
    const advocate = plan.advocates[order.advocate!]!;
    await waitUntilIssued(deps, order, advocate.platformCustomerId);
    await hook('refunds/create', `sandbox-seed-refund-${order.orderId}`, {
      id: order.orderId + 2_000_000,
      order_id: order.orderId,
      created_at: new Date().toISOString(),
      transactions: [
        {
          kind: 'refund',
          status: 'success',
          amount: (order.totalMinor / 100).toFixed(2),
          currency: CURRENCY,
        },
      ],
    });
    refunds += 1;
  }
  return { seeded: true, advocates: plan.advocates.length, orders: plan.orders.length, clicks, refunds };
}

/** The shop's programme (composeShopify creates it); created here when a test seeds a bare shop. */
async function sandboxProgramId(db: Database, merchantId: string): Promise<string> {
  const existing = await findAnyProgramId(db, merchantId);
  if (existing) return existing;
  const created = await createProgram(db, {
    merchantId,
    name: 'Give 15%, get $10 in store credit',
    rules: SANDBOX_RULES_V1,
    actor: 'sandbox',
    effectiveFrom: new Date(Date.now() - V1_EFFECTIVE_DAYS_AGO * DAY_MS),
  });
  return created.programId;
}

/**
 * Tells the emulated shop about every seeded customer (advocates and buyers), so store credit can
 * be issued to them. The emulator forgets everything on restart: call it on every start, before
 * the worker runs (seedSandbox calls it too).
 */
export function rememberSandboxCustomers(
  shop: SeedSandboxDeps['emulatorShop'],
  plan: SandboxPlan = buildSandboxPlan(new Date()),
) {
  for (const person of [...plan.advocates, ...plan.friends]) {
    const buyer = plan.orders.find((o) => o.customer.platformCustomerId === person.platformCustomerId);
    shop.addCustomer({
      id: customerGid(person.platformCustomerId),
      email: person.email,
      firstName: person.firstName,
      lastName: person.lastName,
      numberOfOrders: buyer?.ordersCount ?? 0,
    });
  }
}

/**
 * A claw-back needs an issued reward: the refund waits until the worker has handed out the
 * reward of that order (it would otherwise be netted before issue, with nothing to claw back).
 */
/** Until the engine has decided the order (its attribution decision is stored). */
async function waitUntilDecided(deps: SeedSandboxDeps, order: PlannedOrder) {
  const deadline = Date.now() + (deps.issueTimeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (await explainOrder(deps.db, deps.merchantId, String(order.orderId))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  deps.logger.warn({ orderId: order.orderId }, 'sandbox seed: order not decided in time; going on');
}

async function waitUntilIssued(deps: SeedSandboxDeps, order: PlannedOrder, advocateCustomerId: string) {
  const deadline = Date.now() + (deps.issueTimeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    const rewards = await listRewardOrders(deps.db, deps.merchantId);
    const ids = new Set(rewards.filter((r) => r.orderId === String(order.orderId)).map((r) => r.rewardId));
    if (ids.size > 0) {
      const dashboard = await getAdvocateDashboard(deps.db, {
        merchantId: deps.merchantId,
        platformCustomerId: advocateCustomerId,
      });
      if (dashboard?.rewards.some((r) => ids.has(r.id) && r.status === 'issued')) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  deps.logger.warn({ orderId: order.orderId }, 'sandbox seed: reward not issued in time; refunding anyway');
}

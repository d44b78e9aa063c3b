// The three Shopify compliance requests on real PostgreSQL, each against two merchants where the
// same people shop: data_request (export), customers/redact and shop/redact (purge).
import { randomUUID } from 'node:crypto';
import { and, eq, getTableName, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { enrollAdvocate, inviteFriend } from '../advocates/index.js';
import { ClickWriter } from '../clicks/index.js';
import type { EngineContext } from '../context.js';
import { hashIp } from '../crypto/secrets.js';
import type { Database } from '../db/client.js';
import {
  customers,
  inboundEvents,
  orders,
  privacyRequests,
  referralCodes,
  referrals,
  rewardClawbacks,
  rewards,
} from '../db/schema/index.js';
import { ingestInboundEvent } from '../intake/index.js';
import { accountBalance, findUnbalancedTransactions } from '../ledger/index.js';
import { clawBackReward, issueReward, releaseReward } from '../rewards/index.js';
import { dbTest as test } from '../testing/fixtures.js';
import { buildMerchant, buildProgram, deliver, orderFacts, RecordingRewardIssuer } from '../testing/index.js';
import { exportCustomerData, merchantTablesInPurgeOrder, purgeMerchant, redactCustomer } from './index.js';

const DAY = 86_400_000;
const ALICE = {
  pid: '7001001',
  email: 'Alice.Liddell+refer@Gmail.com',
  normalized: 'aliceliddell@gmail.com',
  name: 'Alice',
};
const BOB = {
  pid: '7002002',
  email: 'Bob.Builder@Example.org',
  normalized: 'bob.builder@example.org',
  name: 'Bobby',
};
const CAROL = { pid: '7003003', email: 'carol.stream@example.net', name: 'Carol' };
const BOB_VISITOR = 'visitor-9f8e7d6c5b';
/** The browser the web pixel saw complete Bob's checkout (his phone, say): his too. */
const BOB_PIXEL_VISITOR = 'visitor-b0bf0ne77';
const BOB_IP = '198.51.100.23';
const ALICE_IP = '192.0.2.44';
const BOB_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) TestAgent/7.1';
const BOB_LANDING = 'https://shop.example/pages/welcome?ref=ALICE10';
const BOB_PHONE = '+1-555-0100-2002';

async function storeShopifyEvent(
  db: Database,
  merchantId: string,
  topic: string,
  payload: object,
  done = true,
) {
  const { inboundEventId } = await ingestInboundEvent(db, {
    merchantId,
    platform: 'shopify',
    externalId: randomUUID(),
    topic,
    payload,
  });
  // Stands in for the worker having processed it.
  if (done)
    await db.update(inboundEvents).set({ status: 'processed' }).where(eq(inboundEvents.id, inboundEventId!));
  return inboundEventId!;
}

/** Alice advocates (vanity code ALICE10); Bob clicks, is invited, buys, half refunds; Carol buys with her code. */
async function buildScenario(engine: EngineContext) {
  const db = engine.db;
  const merchant = await buildMerchant(db);
  const m = merchant.id;
  const { programId } = await buildProgram(db, m, {
    friendReward: { kind: 'store_credit', amountMinor: 500 },
  });
  const alice = await enrollAdvocate(db, {
    merchantId: m,
    programId,
    customer: { platformCustomerId: ALICE.pid, email: ALICE.email, firstName: ALICE.name },
    consentAt: new Date('2026-01-01T00:00:00Z'),
    vanityCode: 'alice-10',
  });
  expect(alice.code).toBe('ALICE10');
  await inviteFriend(db, {
    merchantId: m,
    advocateId: alice.advocateId,
    email: BOB.email,
    at: new Date(Date.now() - 3 * DAY),
  });
  const [code] = await db.select().from(referralCodes).where(eq(referralCodes.advocateId, alice.advocateId));
  const writer = new ClickWriter(db, { ipHashSalt: engine.ipHashSalt });
  writer.record({
    merchantId: m,
    codeId: code!.id,
    advocateId: alice.advocateId,
    visitorId: BOB_VISITOR,
    ip: BOB_IP,
    userAgent: BOB_AGENT,
    landingUrl: BOB_LANDING,
    at: new Date(Date.now() - 2 * DAY),
  });
  await writer.close();

  const aliceOrder = orderFacts({
    customer: { id: ALICE.pid, email: ALICE.email, firstName: ALICE.name },
    ipAddress: ALICE_IP,
    visitorId: 'visitor-a11ce0001',
    shippingAddress: { line1: '1 Rabbit Hole', city: 'Oxford', zip: 'OX1 1AA', countryCode: 'GB' },
    occurredAt: new Date(Date.now() - 10 * DAY),
  });
  const bobOrder = orderFacts({
    customer: { id: BOB.pid, email: BOB.email, firstName: BOB.name },
    referralCode: 'alice10',
    visitorId: BOB_VISITOR,
    ipAddress: BOB_IP,
    landingUrl: BOB_LANDING,
    shippingAddress: { line1: '12 Cherry Lane', city: 'Springfield', zip: '12345', countryCode: 'US' },
  });
  const carolOrder = orderFacts({
    customer: { id: CAROL.pid, email: CAROL.email, firstName: CAROL.name },
    discountCodes: ['ALICE10'],
    visitorId: 'visitor-ca201',
    ipAddress: '203.0.113.77',
  });
  for (const facts of [aliceOrder, bobOrder, carolOrder]) {
    expect(await deliver(engine, m, { type: 'OrderPaid', ...facts })).toEqual({ status: 'processed' });
  }
  // The storefront web pixel's reports for Bob's and Carol's checkouts.
  for (const [orderId, visitorId] of [
    [bobOrder.orderId, BOB_PIXEL_VISITOR],
    [carolOrder.orderId, 'visitor-ca201-pixel'],
  ] as const) {
    const seen = { type: 'CheckoutVisitorSeen', orderId, checkoutToken: `ct-${orderId}`, visitorId } as const;
    expect(await deliver(engine, m, { ...seen, occurredAt: new Date() })).toEqual({ status: 'processed' });
  }
  const referralOf = async (platformOrderId: string) => {
    const [row] = await db
      .select({ referral: referrals })
      .from(referrals)
      .innerJoin(orders, eq(orders.id, referrals.orderId))
      .where(and(eq(referrals.merchantId, m), eq(orders.platformOrderId, platformOrderId)));
    return row!.referral;
  };
  expect((await referralOf(bobOrder.orderId)).status).toBe('approved');
  expect((await referralOf(carolOrder.orderId)).status).toBe('approved');

  // Alice's reward for Bob is issued and partly spent; Bob refunds half: a claw-back falls short.
  const [reward] = await db
    .select()
    .from(rewards)
    .where(eq(rewards.idempotencyKey, `referral:${(await referralOf(bobOrder.orderId)).id}:advocate`));
  const later: EngineContext = { ...engine, now: () => new Date(Date.now() + 15 * DAY) };
  const issuer = new RecordingRewardIssuer();
  expect(await releaseReward(later, { merchantId: m, rewardId: reward!.id })).toBe('released');
  expect(await issueReward(later, issuer, { merchantId: m, rewardId: reward!.id })).toBe('issued');
  issuer.spend(alice.customerId, 700);
  const refund = { orderId: bobOrder.orderId, refundId: `r-${randomUUID()}`, amountMinor: 5_000 };
  await deliver(engine, m, { type: 'OrderRefunded', ...refund, currency: 'USD', occurredAt: new Date() });
  const [clawback] = await db.select().from(rewardClawbacks).where(eq(rewardClawbacks.merchantId, m));
  expect(await clawBackReward(engine, issuer, { merchantId: m, clawbackId: clawback!.id })).toMatchObject({
    status: 'done',
    shortfallMinor: 200,
  });

  const created = (id: number, email: string, first_name: string, phone: string) => ({
    id,
    email,
    first_name,
    phone,
    created_at: '2026-01-02T00:00:00Z',
  });
  await storeShopifyEvent(
    db,
    m,
    'customers/create',
    created(Number(BOB.pid), BOB.email, BOB.name, BOB_PHONE),
  );
  // Another shopper whose id contains Bob's: a text search alone would take it for Bob's.
  await storeShopifyEvent(
    db,
    m,
    'customers/create',
    created(17002002, 'dave@example.com', 'Dave', '+1-555-0199-0000'),
  );

  const customerId = async (pid: string) =>
    (await db.query.customers.findFirst({
      where: and(eq(customers.merchantId, m), eq(customers.platformCustomerId, pid)),
    }))!.id;
  return {
    merchantId: m,
    alice: { ...alice, orderId: aliceOrder.orderId },
    bob: { customerId: await customerId(BOB.pid), orderId: bobOrder.orderId },
    carol: { customerId: await customerId(CAROL.pid), orderId: carolOrder.orderId },
  };
}
type Scenario = Awaited<ReturnType<typeof buildScenario>>;

async function tablesWithMerchantId(db: Database): Promise<string[]> {
  const result = await db.execute(sql`
    SELECT table_name FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name = 'merchant_id' ORDER BY table_name`);
  return (result.rows as { table_name: string }[]).map((r) => r.table_name);
}

/** Every row the merchant has, table by table, as PostgreSQL renders it to JSON. */
async function dumpMerchant(db: Database, merchantId: string): Promise<Record<string, string[]>> {
  const dump: Record<string, string[]> = {};
  for (const table of await tablesWithMerchantId(db)) {
    const result = await db.execute(sql`
      SELECT row_to_json(t)::text AS row FROM ${sql.identifier(table)} t
      WHERE t.merchant_id = ${merchantId} ORDER BY 1`);
    dump[table] = (result.rows as { row: string }[]).map((r) => r.row);
  }
  const merchant = await db.execute(
    sql`SELECT row_to_json(m)::text AS row FROM merchants m WHERE m.id = ${merchantId}`,
  );
  dump.merchants = (merchant.rows as { row: string }[]).map((r) => r.row);
  return dump;
}

/** The database's own message for a refused statement (drizzle wraps it as the cause). */
const refusal = (attempt: Promise<unknown>): Promise<string> =>
  attempt.then(
    () => 'allowed',
    (error: Error) => (error.cause instanceof Error ? error.cause.message : error.message),
  );

const countsOf = (dump: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(dump).map(([table, rows]) => [table, rows.length]));

/** What must not move when personal data goes: amounts, statuses and the derived balances. */
async function books(db: Database, merchantId: string) {
  const balances = await db.execute(sql`
    SELECT a.key, a.currency, sum(e.amount_minor)::text AS balance
    FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
    WHERE e.merchant_id = ${merchantId} GROUP BY a.key, a.currency ORDER BY a.key, a.currency`);
  const money = await db.execute(sql`
    SELECT r.id, r.amount_minor, r.reversed_minor, r.offset_minor, r.payout_minor, r.currency, r.status,
           ref.status AS referral_status, o.total_minor, o.refunded_minor, o.currency AS order_currency
    FROM rewards r JOIN referrals ref ON ref.id = r.referral_id JOIN orders o ON o.id = ref.order_id
    WHERE r.merchant_id = ${merchantId} ORDER BY r.id`);
  const clawbacks = await db.select().from(rewardClawbacks).where(eq(rewardClawbacks.merchantId, merchantId));
  return { balances: balances.rows, money: money.rows, clawbacks };
}

describe('customers/data_request', () => {
  test("exports the person's data at one merchant and nobody else's", async ({ engine }) => {
    const a = await buildScenario(engine);
    const b = await buildScenario(engine);
    const other = (s: Scenario) => [s.merchantId, s.alice.customerId, s.bob.customerId, s.carol.customerId];

    const bob = await exportCustomerData(engine.db, {
      merchantId: a.merchantId,
      platformCustomerId: BOB.pid,
    });
    expect(JSON.parse(JSON.stringify(bob))).toEqual(bob);
    expect(new Date(bob.generatedAt).toISOString()).toBe(bob.generatedAt);
    expect(bob.customers).toMatchObject([{ id: a.bob.customerId, email: BOB.email, firstName: BOB.name }]);
    expect(bob.orders).toHaveLength(1);
    expect(bob.orders[0]).toMatchObject({ platformOrderId: a.bob.orderId, refundedMinor: 5_000 });
    expect(bob.orders[0]!.refunds).toMatchObject([{ amountMinor: 5_000, currency: 'USD' }]);
    expect(typeof bob.orders[0]!.paidAt).toBe('string');
    expect(bob.attributionDecisions).toMatchObject([{ credited: true, advocateId: a.alice.advocateId }]);
    expect(bob.referrals.asFriend).toMatchObject([
      { friendEmailNormalized: BOB.normalized, status: 'rewarded' },
    ]);
    expect(bob.referrals.asAdvocate).toEqual([]);
    expect(bob.clicks.asVisitor.count).toBe(1);
    expect(bob.clicks.asVisitor.rows[0]).toMatchObject({
      visitorId: BOB_VISITOR,
      ipHash: hashIp('test-salt', BOB_IP),
    });
    expect(bob.checkoutVisitors).toMatchObject([
      { platformOrderId: a.bob.orderId, visitorId: BOB_PIXEL_VISITOR },
    ]);
    expect(bob.invitations.received).toMatchObject([{ emailNormalized: BOB.normalized }]);
    expect(bob.rewards).toMatchObject([{ recipient: 'friend', amountMinor: 500, reversedMinor: 250 }]);
    expect(bob.inboundEvents.map((e) => e.topic).sort()).toEqual([
      'CheckoutVisitorSeen',
      'OrderPaid',
      'OrderRefunded',
      'customers/create',
    ]);
    for (const account of bob.ledgerAccounts) {
      expect(account.balanceMinor).toBe(
        await accountBalance(engine.db, a.merchantId, account.key, account.currency),
      );
    }
    expect(bob.ledgerAccounts.map((x) => x.key)).toEqual([`held:customer-${a.bob.customerId}`]);
    const bobText = JSON.stringify(bob);
    for (const foreign of [
      ...other(b),
      a.alice.customerId,
      a.carol.customerId,
      ALICE.email,
      ALICE.normalized,
      CAROL.email,
      'dave@example.com',
    ]) {
      expect(bobText).not.toContain(foreign);
    }
    expect(bobText).not.toContain(`"${ALICE.name}"`);

    // By email alone (any spelling that normalises alike) the same person is found.
    const byEmail = await exportCustomerData(engine.db, {
      merchantId: a.merchantId,
      email: 'BOB.BUILDER+x@example.org',
    });
    expect(byEmail.customers.map((c) => c.id)).toEqual([a.bob.customerId]);

    const alice = await exportCustomerData(engine.db, {
      merchantId: a.merchantId,
      platformCustomerId: ALICE.pid,
      email: ALICE.email,
    });
    expect(alice.advocates).toMatchObject([{ id: a.alice.advocateId, status: 'active' }]);
    expect(alice.referralCodes).toMatchObject([{ code: 'ALICE10', kind: 'vanity' }]);
    expect(alice.clicks.asAdvocate).toMatchObject({
      count: 1,
      rows: [{ userAgent: BOB_AGENT, landingUrl: BOB_LANDING }],
    });
    expect(alice.invitations.sent).toMatchObject([{ emailHint: 'b***@example.org' }]);
    expect(alice.referrals.asAdvocate).toHaveLength(2);
    expect(alice.rewards.map((r) => r.recipient)).toEqual(['advocate', 'advocate']);
    expect(alice.rewardClawbacks).toMatchObject([
      { amountMinor: 500, recoveredMinor: 300, shortfallMinor: 200 },
    ]);
    expect(alice.orders.map((o) => o.platformOrderId)).toEqual([a.alice.orderId]);
    expect(alice.auditLog.map((row) => row.action)).toContain('advocate.enrolled');
    const receivable = alice.ledgerAccounts.find((x) => x.key === `receivable:${a.alice.advocateId}`);
    expect(receivable?.balanceMinor).toBe(200);
    for (const account of alice.ledgerAccounts) {
      expect(account.balanceMinor).toBe(
        await accountBalance(engine.db, a.merchantId, account.key, account.currency),
      );
    }
    const aliceText = JSON.stringify(alice);
    for (const foreign of [
      ...other(b),
      a.bob.customerId,
      a.carol.customerId,
      BOB.email,
      BOB.normalized,
      CAROL.email,
      BOB_PHONE,
    ]) {
      expect(aliceText).not.toContain(foreign);
    }
    expect(aliceText).not.toContain(`"${BOB.name}"`);

    const nobody = await exportCustomerData(engine.db, {
      merchantId: a.merchantId,
      email: 'nobody@example.com',
    });
    expect(nobody.subject).toMatchObject({
      merchantId: a.merchantId,
      email: 'nobody@example.com',
      customerIds: [],
    });
    expect(nobody).toMatchObject({
      customers: [],
      orders: [],
      clicks: { asAdvocate: { count: 0, rows: [] }, asVisitor: { count: 0, rows: [] } },
      referrals: { asAdvocate: [], asFriend: [] },
      ledgerAccounts: [],
      inboundEvents: [],
    });
  });
});

describe('customers/redact', () => {
  test('removes every trace of the person, keeps the books, and a second run changes nothing', async ({
    engine,
  }) => {
    const db = engine.db;
    const a = await buildScenario(engine);
    const b = await buildScenario(engine);
    const bDump = await dumpMerchant(db, b.merchantId);
    const booksBefore = await books(db, a.merchantId);
    // An order update for Bob still waiting in the inbox.
    const pending = await storeShopifyEvent(
      db,
      a.merchantId,
      'orders/updated',
      { id: 990001, email: BOB.email, customer: { id: Number(BOB.pid), first_name: BOB.name } },
      false,
    );

    // An earlier data request for Bob, recorded with its export the way the app keeps it.
    await db.insert(privacyRequests).values({
      merchantId: a.merchantId,
      kind: 'customer_data_request',
      externalId: 'data-request-1',
      subject: { customer: { id: Number(BOB.pid), email: BOB.email, phone: BOB_PHONE } },
      result: await exportCustomerData(db, { merchantId: a.merchantId, platformCustomerId: BOB.pid }),
    });

    const at = new Date('2026-03-01T12:00:00Z');
    const bob = { merchantId: a.merchantId, platformCustomerId: BOB.pid, email: BOB.email, at };
    expect(await redactCustomer(db, bob)).toMatchObject({
      customersRedacted: 1,
      ordersRedacted: 1,
      referralsRedacted: 1,
      clicksRedacted: 1,
      checkoutVisitorsDeleted: 1,
      invitationsRedacted: 1,
      codesDisabled: 0,
      privacyRequestsRedacted: 1,
      // customers/create, OrderPaid, OrderRefunded and the pixel's CheckoutVisitorSeen.
      inboundEventsRedacted: 4,
      inboundEventsPending: 1,
    });
    // Redacting it would lose the update; once the worker has processed it, a rerun takes it.
    const [untouched] = await db.select().from(inboundEvents).where(eq(inboundEvents.id, pending));
    expect(JSON.stringify(untouched?.payload)).toContain(BOB.email);
    await db.update(inboundEvents).set({ status: 'processed' }).where(eq(inboundEvents.id, pending));
    expect(await redactCustomer(db, bob)).toEqual({
      customersRedacted: 0,
      ordersRedacted: 0,
      attributionDecisionsRedacted: 0,
      referralsRedacted: 0,
      codesDisabled: 0,
      invitationsRedacted: 0,
      friendOffersRedacted: 0,
      clicksRedacted: 0,
      checkoutVisitorsDeleted: 0,
      auditRowsRedacted: 0,
      privacyRequestsRedacted: 0,
      inboundEventsRedacted: 1,
      inboundEventsPending: 0,
    });

    const alice = { merchantId: a.merchantId, platformCustomerId: ALICE.pid, email: ALICE.email, at };
    expect(await redactCustomer(db, alice)).toMatchObject({ customersRedacted: 1, codesDisabled: 1 });

    const text = JSON.stringify(await dumpMerchant(db, a.merchantId)).toLowerCase();
    const traces = [
      ALICE.email,
      ALICE.normalized,
      ALICE.name,
      'alice10',
      ALICE_IP,
      hashIp(engine.ipHashSalt, ALICE_IP)!,
      'rabbit',
      'visitor-a11ce0001',
      BOB.email,
      BOB.normalized,
      BOB.name,
      BOB_IP,
      hashIp(engine.ipHashSalt, BOB_IP)!,
      BOB_AGENT,
      BOB_LANDING,
      BOB_PHONE,
      'cherry',
      BOB_VISITOR,
      BOB_PIXEL_VISITOR,
    ];
    for (const trace of traces) expect(text.includes(trace.toLowerCase()), trace).toBe(false);
    // Nobody else lost anything: Carol and Dave are intact, Bob's id-alike neighbour too.
    for (const kept of [
      CAROL.email,
      'visitor-ca201',
      'visitor-ca201-pixel',
      'dave@example.com',
      '17002002',
    ]) {
      expect(text).toContain(kept.toLowerCase());
    }

    const [customer] = await db.select().from(customers).where(eq(customers.id, a.bob.customerId));
    expect(customer).toMatchObject({ email: null, emailNormalized: null, firstName: null, redactedAt: at });
    expect(customer?.platformCustomerId).toBe(BOB.pid);
    const codes = await db
      .select()
      .from(referralCodes)
      .where(eq(referralCodes.advocateId, a.alice.advocateId));
    expect(codes).toMatchObject([{ status: 'disabled', disabledAt: at }]);
    expect(await books(db, a.merchantId)).toEqual(booksBefore);
    expect(await findUnbalancedTransactions(db, a.merchantId)).toEqual([]);
    const audit = await db.execute(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE merchant_id = ${a.merchantId} AND action = 'customer.redacted'`,
    );
    expect((audit.rows as { n: number }[])[0]?.n).toBe(3);

    // Idempotent: nothing left to change, and the rows are exactly as they were.
    const { audit_log: _log, ...settled } = await dumpMerchant(db, a.merchantId);
    for (const input of [bob, alice]) {
      expect(Object.values(await redactCustomer(db, input)).every((n) => n === 0)).toBe(true);
    }
    const { audit_log: _again, ...rerun } = await dumpMerchant(db, a.merchantId);
    expect(rerun).toEqual(settled);
    expect(await dumpMerchant(db, b.merchantId)).toEqual(bDump);
  });
});

describe('shop/redact', () => {
  test("purges every row of one merchant and nothing of another's; the ledger stays append-only", async ({
    engine,
  }) => {
    const db = engine.db;
    const a = await buildScenario(engine);
    const b = await buildScenario(engine);
    // The purge list must name every table that holds merchant rows.
    expect(merchantTablesInPurgeOrder.map((t) => getTableName(t)).sort()).toEqual(
      await tablesWithMerchantId(db),
    );
    const aCounts = countsOf(await dumpMerchant(db, a.merchantId));
    const bDump = await dumpMerchant(db, b.merchantId);

    const result = await purgeMerchant(db, a.merchantId);
    const total = Object.values(aCounts).reduce((sum, n) => sum + n, 0);
    expect(result.rowsDeleted).toBe(total);
    expect(result.rowsByTable).toEqual(aCounts);
    expect(result.tablesPurged).toBe(Object.values(aCounts).filter((n) => n > 0).length);
    expect(aCounts.ledger_entries).toBeGreaterThan(0);
    expect(aCounts.program_versions).toBeGreaterThan(0);

    const after = countsOf(await dumpMerchant(db, a.merchantId));
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    expect(Object.keys(after).sort()).toEqual(Object.keys(aCounts).sort());
    expect(await dumpMerchant(db, b.merchantId)).toEqual(bDump);
    expect(await purgeMerchant(db, a.merchantId)).toEqual({
      tablesPurged: 0,
      rowsDeleted: 0,
      rowsByTable: {},
    });

    // The purge's permission ended with its transaction, and never covered another merchant.
    for (const table of ['ledger_entries', 'ledger_transactions', 'program_versions']) {
      const remove = sql`DELETE FROM ${sql.identifier(table)} WHERE merchant_id = ${b.merchantId}`;
      expect(await refusal(db.execute(remove))).toMatch(/append-only: DELETE refused/);
      const underAnotherFlag = db.transaction(async (tx) => {
        await tx.execute(sql`SELECT set_config('referrals.purging_merchant', ${a.merchantId}, true)`);
        await tx.execute(remove);
      });
      expect(await refusal(underAnotherFlag)).toMatch(/append-only: DELETE refused/);
    }
    expect(await findUnbalancedTransactions(db, b.merchantId)).toEqual([]);
    expect(countsOf(await dumpMerchant(db, b.merchantId))).toEqual(countsOf(bDump));
  });
});

// What the sandbox shop went through in the last 60 days, as a plan of link clicks and paid
// orders. Pure and deterministic; seed-sandbox.ts plays it through the app's public routes.
import {
  advocateIp,
  DAY_MS,
  type Person,
  prng,
  sandboxAdvocates,
  sandboxFriends,
  visitorIp,
} from './demo-data.js';

export type OrderKind =
  | 'referred' // a friend of an advocate, new customer: credited and rewarded
  | 'velocity' // one of five referrals by one advocate inside an hour: the last two go to review
  | 'self_address' // a second email at the advocate's own address: review
  | 'self_email' // the advocate used their own code: not credited (self-referral)
  | 'existing_customer' // a returning customer used a code: rejected (not a new customer)
  | 'below_minimum' // under the programme's minimum order: rejected
  | 'own' // an advocate's own earlier purchase (it gives the engine their address)
  | 'walk_in'; // nobody referred them

export type PlannedOrder = {
  kind: OrderKind;
  orderId: number;
  at: Date;
  customer: Person;
  email: string;
  /** orders_count as Shopify sends it (this order included). */
  ordersCount: number;
  totalMinor: number;
  ip: string;
  /** The advocate whose code the cart carries, by index. */
  advocate: number | null;
  /** The visitor (index into the plan's visitors) whose link click brought the buyer. */
  visitor: number | null;
  /** Refunded once its reward is issued (a claw-back). */
  refund: boolean;
};

/** A visitor of an advocate's link: `clicks` GETs from one browser (cookie kept) and one IP. */
export type PlannedVisitor = { advocate: number; ip: string; clicks: number };

export type SandboxPlan = {
  advocates: Person[];
  friends: Person[];
  visitors: PlannedVisitor[];
  orders: PlannedOrder[];
};

const REFERRED = 80;
const WALK_INS = 25;
const OWN_ORDERS = 15;
const IDLE_VISITORS = 200;
const VELOCITY_ADVOCATE = 3;
const SELF_ADDRESS_ADVOCATE = 5;
const SELF_EMAIL_ADVOCATE = 8;

export function buildSandboxPlan(now: Date): SandboxPlan {
  const rand = prng(60);
  const advocates = sandboxAdvocates();
  const friends = sandboxFriends(REFERRED + 5 + 2 + WALK_INS);
  const visitors: PlannedVisitor[] = [];
  const orders: Omit<PlannedOrder, 'orderId'>[] = [];
  const amount = (min: number, max: number) => Math.round((min + rand() * (max - min)) / 100) * 100 - 1;
  const daysAgo = (days: number, hour = 9 + rand() * 12) =>
    new Date(Math.floor((now.getTime() - days * DAY_MS) / DAY_MS) * DAY_MS + hour * 3_600_000);
  // Popular advocates bring more friends (a skew towards the first indexes).
  const someAdvocate = () => Math.min(advocates.length - 1, Math.floor(rand() ** 1.6 * advocates.length));
  const visit = (advocate: number) => {
    visitors.push({ advocate, ip: visitorIp(visitors.length), clicks: rand() < 0.3 ? 2 : 1 });
    return visitors.length - 1;
  };
  let friend = 0;
  const friendOrder = (kind: OrderKind, advocate: number, at: Date, extra: Partial<PlannedOrder> = {}) => {
    const customer = friends[friend++]!;
    const visitor = visit(advocate);
    orders.push({
      kind,
      at,
      customer,
      email: customer.email,
      ordersCount: 1,
      totalMinor: amount(2800, 18_000),
      ip: visitors[visitor]!.ip,
      advocate,
      visitor,
      refund: false,
      ...extra,
    });
  };

  for (let i = 0; i < OWN_ORDERS; i++) {
    const customer = advocates[i]!;
    const at = daysAgo(50 + rand() * 9);
    orders.push({
      kind: 'own',
      at,
      customer,
      email: customer.email,
      ordersCount: 1,
      totalMinor: amount(3500, 15_000),
      ip: advocateIp(i),
      advocate: null,
      visitor: null,
      refund: false,
    });
  }
  for (let i = 0; i < REFERRED; i++) {
    let advocate = someAdvocate();
    if (advocate === VELOCITY_ADVOCATE) advocate = VELOCITY_ADVOCATE + 1;
    friendOrder('referred', advocate, daysAgo(rand() * 58));
  }
  // The velocity burst: five friends of one advocate within 40 minutes, 20 days ago.
  for (const minutes of [5, 12, 20, 31, 44]) {
    friendOrder('velocity', VELOCITY_ADVOCATE, daysAgo(20, 19 + minutes / 60));
  }
  friendOrder('existing_customer', someAdvocate(), daysAgo(30), { ordersCount: 4 });
  friendOrder('below_minimum', someAdvocate(), daysAgo(12), { totalMinor: 1800 });
  for (let i = 0; i < WALK_INS; i++) {
    const customer = friends[friend++]!;
    orders.push({
      kind: 'walk_in',
      at: daysAgo(rand() * 59),
      customer,
      email: customer.email,
      ordersCount: 1,
      totalMinor: amount(2000, 16_000),
      ip: visitorIp(400 + i),
      advocate: null,
      visitor: null,
      refund: false,
    });
  }
  // Self-referrals: a second email shipped to the advocate's own address; the advocate's own code.
  const home = advocates[SELF_ADDRESS_ADVOCATE]!;
  const alias = {
    ...home,
    platformCustomerId: '3990',
    email: `${home.firstName.toLowerCase()}.shop@example.com`,
  };
  const aliasVisit = visit(SELF_ADDRESS_ADVOCATE);
  orders.push({
    kind: 'self_address',
    at: daysAgo(15),
    customer: alias,
    email: alias.email,
    ordersCount: 1,
    totalMinor: amount(4000, 9000),
    ip: visitors[aliasVisit]!.ip,
    advocate: SELF_ADDRESS_ADVOCATE,
    visitor: aliasVisit,
    refund: false,
  });
  const cheeky = advocates[SELF_EMAIL_ADVOCATE]!;
  orders.push({
    kind: 'self_email',
    at: daysAgo(25),
    customer: cheeky,
    email: cheeky.email,
    ordersCount: 2,
    totalMinor: amount(4000, 9000),
    ip: advocateIp(SELF_EMAIL_ADVOCATE),
    advocate: SELF_EMAIL_ADVOCATE,
    visitor: null,
    refund: false,
  });
  // Friends who looked and did not buy.
  for (let i = 0; i < IDLE_VISITORS; i++) visit(someAdvocate());

  const sorted = orders.sort((a, b) => a.at.getTime() - b.at.getTime());
  // One referred order from 30–45 days ago is refunded in full after its reward was issued.
  const refunded = sorted.find(
    (o) =>
      o.kind === 'referred' &&
      now.getTime() - o.at.getTime() > 30 * DAY_MS &&
      now.getTime() - o.at.getTime() < 45 * DAY_MS,
  );
  if (refunded) refunded.refund = true;
  return {
    advocates,
    friends,
    visitors,
    orders: sorted.map((o, i) => ({ ...o, orderId: 5_100_001 + i })),
  };
}

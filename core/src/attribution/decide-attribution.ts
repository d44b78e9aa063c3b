export type TouchSource = 'link' | 'code' | 'discount' | 'email' | 'customer';

/** One piece of evidence that an advocate sent this friend. */
export type Touch = {
  advocateId: string;
  advocateCustomerId: string | null;
  advocateEmailNormalized: string | null;
  codeId: string | null;
  source: TouchSource;
  /** What was seen, for admins: 'cart attribute REF123', 'click by visitor v1', 'discount code FRIEND-AB12'. */
  signal: string;
  at: Date;
  /** Attribution window of the program version in force at the time of this touch. */
  windowDays: number;
};

export type AttributionModel = 'first_touch' | 'last_touch';

export type AttributionInput = {
  orderAt: Date;
  model: AttributionModel;
  friend: { customerId: string | null; emailNormalized: string | null };
  touches: Touch[];
};

export type AttributionRule =
  | AttributionModel
  | 'explicit_signal'
  | 'no_signals'
  | 'after_order'
  | 'outside_window'
  | 'self_referral';

export type AttributionSignal = {
  source: TouchSource;
  signal: string;
  advocateId: string;
  at: string;
  eligible: boolean;
  why: string;
};

export type AttributionDecision = {
  credited: boolean;
  advocateId: string | null;
  codeId: string | null;
  source: TouchSource | null;
  /** Earliest eligible touch of the winning advocate (any source). */
  firstArrivedAt: Date | null;
  /** What decided: the model, an explicit signal, or why nobody was credited. */
  rule: AttributionRule;
  /** Human-readable: one line per touch (kept or discarded and why), then the verdict. */
  reasons: string[];
  signals: AttributionSignal[];
};

/**
 * Sources seen on the order itself (cart attribute from the referral link, discount code typed at
 * checkout). They beat tracked history (link clicks, email invites, known customers) whatever the
 * model: the friend showed us at checkout whose referral they were acting on.
 */
const EXPLICIT_SOURCES: ReadonlySet<TouchSource> = new Set(['discount', 'code']);

/** Tie-break between touches at the same instant: lower wins. */
const SOURCE_PRIORITY: Readonly<Record<TouchSource, number>> = {
  discount: 0,
  code: 1,
  link: 2,
  email: 3,
  customer: 4,
};

const DAY_MS = 86_400_000;

type Discard = 'self_referral' | 'after_order' | 'outside_window';
type Classified = { touch: Touch; discard: Discard | null; why: string };

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const byTieBreak = (a: Touch, b: Touch): number =>
  SOURCE_PRIORITY[a.source] - SOURCE_PRIORITY[b.source] || compareText(a.advocateId, b.advocateId);

const classify = (input: AttributionInput, touch: Touch): Classified => {
  const { friend, orderAt } = input;
  const sameCustomer = friend.customerId !== null && friend.customerId === touch.advocateCustomerId;
  const sameEmail =
    friend.emailNormalized !== null && friend.emailNormalized === touch.advocateEmailNormalized;
  if (sameCustomer || sameEmail) {
    return {
      touch,
      discard: 'self_referral',
      why: 'self-referral: never credit an advocate for their own order',
    };
  }
  const ageMs = orderAt.getTime() - touch.at.getTime();
  if (ageMs < 0) return { touch, discard: 'after_order', why: 'after the order was placed' };
  // Inclusive: a touch exactly windowDays before the order still counts.
  if (ageMs > touch.windowDays * DAY_MS) {
    const days = Math.floor((ageMs / DAY_MS) * 10) / 10;
    return {
      touch,
      discard: 'outside_window',
      why: `outside window: ${days} days before the order, window is ${touch.windowDays} days`,
    };
  }
  return { touch, discard: null, why: `within the ${touch.windowDays}-day window` };
};

const describe = ({ touch }: Classified): string =>
  `${touch.source} '${touch.signal}' for advocate ${touch.advocateId} at ${touch.at.toISOString()}`;

/** Why nobody was credited, most telling first: a self-referral attempt matters to admins. */
const noCreditRule = (classified: Classified[]): AttributionRule => {
  for (const rule of ['self_referral', 'outside_window', 'after_order'] as const) {
    if (classified.some((c) => c.discard === rule)) return rule;
  }
  return 'no_signals';
};

/** Decides which advocate, if any, is credited with an order. Pure and deterministic. */
export function decideAttribution(input: AttributionInput): AttributionDecision {
  const classified = input.touches
    .map((touch) => classify(input, touch))
    .sort((a, b) => a.touch.at.getTime() - b.touch.at.getTime() || byTieBreak(a.touch, b.touch));
  const eligible = classified.filter((c) => c.discard === null).map((c) => c.touch);
  const explicit = eligible.filter((t) => EXPLICIT_SOURCES.has(t.source));
  const pool = explicit.length > 0 ? explicit : eligible;
  const direction = input.model === 'first_touch' ? 1 : -1;
  const winner = [...pool].sort(
    (a, b) => direction * (a.at.getTime() - b.at.getTime()) || byTieBreak(a, b),
  )[0];
  const rule: AttributionRule = winner
    ? explicit.length > 0
      ? 'explicit_signal'
      : input.model
    : noCreditRule(classified);

  const whyFor = (c: Classified): string => {
    if (c.discard !== null || !winner) return c.why;
    if (c.touch === winner)
      return `${c.why}; credited (${rule === 'explicit_signal' ? 'explicit signal on the order' : rule})`;
    if (explicit.length > 0 && !EXPLICIT_SOURCES.has(c.touch.source))
      return `${c.why}; outranked by an explicit signal on the order`;
    return `${c.why}; not chosen by ${rule}`;
  };
  const signals = classified.map((c) => ({
    source: c.touch.source,
    signal: c.touch.signal,
    advocateId: c.touch.advocateId,
    at: c.touch.at.toISOString(),
    eligible: c.discard === null,
    why: whyFor(c),
  }));
  const reasons = classified.map(
    (c) => `${c.discard === null ? 'Kept' : 'Discarded'}: ${describe(c)} - ${whyFor(c)}`,
  );

  if (!winner) {
    reasons.push(
      classified.length === 0
        ? 'No referral signals for this order'
        : 'No eligible referral signal; nobody credited',
    );
    return {
      credited: false,
      advocateId: null,
      codeId: null,
      source: null,
      firstArrivedAt: null,
      rule,
      reasons,
      signals,
    };
  }
  const firstArrived = eligible.find((t) => t.advocateId === winner.advocateId) ?? winner;
  reasons.push(`Credited advocate ${winner.advocateId} via ${winner.source} (${rule})`);
  return {
    credited: true,
    advocateId: winner.advocateId,
    codeId: winner.codeId,
    source: winner.source,
    firstArrivedAt: firstArrived.at,
    rule,
    reasons,
    signals,
  };
}

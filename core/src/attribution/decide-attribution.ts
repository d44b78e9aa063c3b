import { maskCustomerId, maskEmail } from '../identity/index.js';

/**
 * What a touch was, as gatherTouches finds it:
 * - `link`: a click on /r/:code, or a code the theme embed carried on the cart from a link or a
 *   `?ref=` URL;
 * - `code`: the advocate's referral code typed at checkout (one of the order's discount codes);
 * - `discount`: a friend offer code (FRIEND…) used at checkout;
 * - `email`: an invitation sent to the buyer's address;
 * - `deal`: a won HubSpot deal whose contact an advocate referred;
 * - `customer`: a known customer link (no gatherer produces it today).
 */
export type TouchSource = 'link' | 'code' | 'discount' | 'email' | 'deal' | 'customer';

/** One piece of evidence that an advocate sent this friend, at the time it happened. */
export type Touch = {
  advocateId: string;
  /** The code the touch carried, or the advocate's own code when it carried none (an invitation). */
  advocateCode: string | null;
  advocateCustomerId: string | null;
  /** The advocate's customer id on the platform (Shopify), shown masked when it matches the buyer's. */
  advocatePlatformCustomerId?: string | null;
  advocateEmailNormalized: string | null;
  codeId: string | null;
  source: TouchSource;
  /** What was seen, for admins: 'link click on /r/REF123 by visitor v1', 'referral code REF123 typed at checkout'. */
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
  /** What the gatherer noticed but did not count (a malformed cart value, an unknown code), listed first. */
  notes?: string[];
};

/**
 * What decided. `explicit_signal` (a code on the order outranked the history) is no longer
 * produced; decisions stored before that change still carry it.
 */
export type AttributionRule =
  | AttributionModel
  | 'no_signals'
  | 'after_order'
  | 'outside_window'
  | 'self_referral';

export type AttributionSignal = {
  source: TouchSource;
  signal: string;
  advocateId: string;
  advocateCode: string | null;
  at: string;
  eligible: boolean;
  /** The touch that credited the order. */
  chosen: boolean;
  why: string;
};

export type AttributionDecision = {
  credited: boolean;
  advocateId: string | null;
  codeId: string | null;
  source: TouchSource | null;
  /** Earliest eligible touch of the winning advocate (any source). */
  firstArrivedAt: Date | null;
  /** The model that picked a touch, or why nobody was credited. */
  rule: AttributionRule;
  /** Human-readable: the notes, one line per touch (kept or discarded and why), then the verdict. */
  reasons: string[];
  signals: AttributionSignal[];
};

/** The rule each model applies, as the decision names it. */
export const MODEL_RULES: Readonly<Record<AttributionModel, string>> = {
  first_touch: 'first_touch: earliest touch inside the window',
  last_touch: 'last_touch: latest touch inside the window',
};

/**
 * Only between touches at the same instant (e.g. two codes seen at the order time): lower wins,
 * then the lower advocate id. A code the buyer typed says most about whom they acted on.
 */
const TIE_ORDER: readonly TouchSource[] = ['code', 'discount', 'link', 'deal', 'email', 'customer'];

const DAY_MS = 86_400_000;

type Discard = 'self_referral' | 'after_order' | 'outside_window';
type Classified = { touch: Touch; discard: Discard | null; why: string };

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const byTieBreak = (a: Touch, b: Touch): number =>
  TIE_ORDER.indexOf(a.source) - TIE_ORDER.indexOf(b.source) || compareText(a.advocateId, b.advocateId);

const classify = (input: AttributionInput, touch: Touch): Classified => {
  const { friend, orderAt } = input;
  const sameCustomer = friend.customerId !== null && friend.customerId === touch.advocateCustomerId;
  const sameEmail =
    friend.emailNormalized !== null && friend.emailNormalized === touch.advocateEmailNormalized;
  if (sameCustomer || sameEmail) {
    // Say which identity matched, masked: enough to check it, never the whole value.
    const matched = [
      ...(sameCustomer
        ? [
            `the buyer's customer account is the advocate's own${
              touch.advocatePlatformCustomerId
                ? ` (customer ${maskCustomerId(touch.advocatePlatformCustomerId)})`
                : ''
            }`,
          ]
        : []),
      ...(sameEmail ? [`the buyer's email ${maskEmail(friend.emailNormalized!)} is the advocate's own`] : []),
    ];
    return {
      touch,
      discard: 'self_referral',
      why: `self-referral: ${matched.join(' and ')}; never credit an advocate for their own order`,
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

const advocateOf = (t: Touch): string =>
  `advocate ${t.advocateId}${t.advocateCode ? ` (code ${t.advocateCode})` : ''}`;

const describe = ({ touch }: Classified): string =>
  `${touch.source} '${touch.signal}' for ${advocateOf(touch)} at ${touch.at.toISOString()}`;

/** Why nobody was credited, most telling first: a self-referral attempt matters to admins. */
const noCreditRule = (classified: Classified[]): AttributionRule => {
  for (const rule of ['self_referral', 'outside_window', 'after_order'] as const) {
    if (classified.some((c) => c.discard === rule)) return rule;
  }
  return 'no_signals';
};

/**
 * Decides which advocate, if any, is credited with an order: among the touches inside their
 * window (and not the buyer's own), first_touch takes the earliest and last_touch the latest,
 * whatever signal carried it. Pure and deterministic.
 */
export function decideAttribution(input: AttributionInput): AttributionDecision {
  const classified = input.touches
    .map((touch) => classify(input, touch))
    .sort((a, b) => a.touch.at.getTime() - b.touch.at.getTime() || byTieBreak(a.touch, b.touch));
  const eligible = classified.filter((c) => c.discard === null).map((c) => c.touch);
  // `eligible` is in time order, ties broken: the earliest or latest instant, then the tie-break.
  const instant = (input.model === 'first_touch' ? eligible[0] : eligible.at(-1))?.at.getTime();
  const winner = eligible.find((t) => t.at.getTime() === instant);
  const rule: AttributionRule = winner ? input.model : noCreditRule(classified);
  const ruleText = MODEL_RULES[input.model];
  const tied = eligible.filter((t) => t.at.getTime() === instant);
  const tieNote =
    tied.length > 1
      ? ` (a tie-break: ${tied.length} touches at this instant, so the source order ${TIE_ORDER.join(' > ')} then the lowest advocate id)`
      : '';

  const whyFor = (c: Classified): string => {
    if (c.discard !== null || !winner) return c.why;
    if (c.touch === winner) return `${c.why}; chosen by ${ruleText}${tieNote}`;
    const sameTime = c.touch.at.getTime() === winner.at.getTime();
    const relation = sameTime
      ? 'at the same instant as the chosen touch, lost the tie-break'
      : input.model === 'first_touch'
        ? 'later than the chosen touch'
        : 'earlier than the chosen touch';
    return `${c.why}; not chosen: ${relation} (${input.model})`;
  };
  const signals = classified.map((c) => ({
    source: c.touch.source,
    signal: c.touch.signal,
    advocateId: c.touch.advocateId,
    advocateCode: c.touch.advocateCode,
    at: c.touch.at.toISOString(),
    eligible: c.discard === null,
    chosen: c.touch === winner,
    why: whyFor(c),
  }));
  const reasons = [
    ...(input.notes ?? []),
    ...classified.map((c) => `${c.discard === null ? 'Kept' : 'Discarded'}: ${describe(c)} - ${whyFor(c)}`),
  ];

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
  reasons.push(
    `Credited ${advocateOf(winner)} via ${winner.source} at ${winner.at.toISOString()} (${ruleText}${tieNote})`,
  );
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

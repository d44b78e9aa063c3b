// Collects every touch that could credit an advocate for an order, each dated when it really
// happened, as plain Touch values for the pure decideAttribution rule:
//   link      a click on /r/:code by one of the order's visitor ids (the cart's, or the web
//             pixel's for this checkout; the server's click time), or
//             a code the theme embed carried on the cart from a link or a ?ref= URL (when the
//             embed stored it; an older embed's bare code, with no click to date it: the order time)
//   code      the advocate's referral code typed at checkout, in the discount codes (order time)
//   discount  a friend offer code (FRIEND…) used at checkout (order time)
//   email     an invitation to the buyer's address (when it was sent)
//   deal      a won HubSpot deal whose contact an advocate referred (the deal's time)
// Each touch carries the window of the program version in force when it happened. What is seen
// but not counted (an unknown cart code, an inactive advocate) comes back as notes.
import { normalizeCode } from '../advocates/index.js';
import { findCheckoutVisitors } from '../checkout-visitors/index.js';
import type { Database } from '../db/client.js';
import { forMerchant, type MerchantScope } from '../db/merchant-scope.js';
import { findLiveOffersByCodes } from '../friend-offers/index.js';
import type { OrderRow, OrderSignals } from '../orders/index.js';
import type { ProgramBook } from '../programs/index.js';
import type { Touch } from './decide-attribution.js';
import {
  findActiveReferralCodes,
  findAdvocatesWithIdentity,
  findClicksOfVisitors,
  findCodesOfAdvocates,
  findInvitationsTo,
} from './repository.js';

type RawTouch = Omit<Touch, 'advocateCode' | 'advocateCustomerId' | 'advocateEmailNormalized' | 'windowDays'>;
type Click = Awaited<ReturnType<typeof findClicksOfVisitors>>[number];

/** A Touch plus the advocate's program, so the caller can find the version that judges it. */
export type ProgramTouch = Touch & { programId: string };

export type GatheredTouches = { touches: ProgramTouch[]; notes: string[] };

/**
 * A cart sighting this close to a click of the same code is that click (the embed stores the code
 * on the page the redirect lands on; the shopper's clock may be a little off).
 */
export const SAME_TOUCH_MS = 3_600_000;

/** Orders the HubSpot app records for a won deal (intake's DealWon) have this id prefix. */
const DEAL_ORDER_PREFIX = 'hubspot-deal:';

/** One code carried on the cart: when the embed saw it in the URL, or null for a bare code. */
type CartCode = { code: string; sightings: { label: string; at: Date }[] | null };

export async function gatherTouches(
  db: Database,
  order: OrderRow,
  orderAt: Date,
  book: ProgramBook,
): Promise<GatheredTouches> {
  // Runs inside the caller's transaction (process-inbound): the scope only builds the filters.
  const m = forMerchant(db, order.merchantId);
  const signals = order.signals as OrderSignals;
  const notes = signals.cartTouchesNote ? [signals.cartTouchesNote] : [];
  const raw: RawTouch[] = [];

  // The visitor ids this order is known by; every click of any of them is a touch. The web
  // pixel's visitors for this checkout count too, so a click still credits when the cart lost
  // its attributes (headless storefronts, Buy Buttons, express checkouts).
  const pixelVisitorIds = (
    await findCheckoutVisitors(db, order.merchantId, {
      platformOrderId: order.platformOrderId,
      checkoutToken: signals.checkoutToken,
    })
  ).map((v) => v.visitorId);
  const visitorIds = [...new Set([...(signals.visitorId ? [signals.visitorId] : []), ...pixelVisitorIds])];
  const clicks = await findClicksOfVisitors(m, visitorIds, orderAt);
  const carried = new Set<Click>();

  const isDeal = order.platformOrderId.startsWith(DEAL_ORDER_PREFIX);
  const cartCodes = isDeal ? [] : cartCodesOf(signals);
  const typed = signals.discountCodes.map(normalizeCode).filter((c) => c.length > 0);
  const dealCode = isDeal && signals.referralCode ? normalizeCode(signals.referralCode) : null;
  const wanted = [...cartCodes.map((c) => c.code), ...typed, ...(dealCode ? [dealCode] : [])];
  const rows = wanted.length > 0 ? await findActiveReferralCodes(m, wanted) : [];
  const rowOf = (code: string) => rows.find((r) => r.code === code);

  for (const { code, sightings } of cartCodes) {
    const row = rowOf(code);
    if (!row) {
      notes.push(`Ignored: code ${code} carried on the cart is not an active referral code`);
      continue;
    }
    const ownClicks = clicks.filter((c) => c.codeId === row.id);
    const base = { advocateId: row.advocateId, codeId: row.id, source: 'link' as const };
    if (sightings === null) {
      // An older embed sent the code alone: its clicks date it, else the order does.
      for (const click of ownClicks) carried.add(click);
      if (ownClicks.length === 0) {
        raw.push({
          ...base,
          signal: `code ${code} carried on the cart with no time recorded (older theme embed, no click by this visitor): counted at the order time`,
          at: orderAt,
        });
      }
      continue;
    }
    for (const sighting of sightings) {
      const click = ownClicks.find(
        (c) => Math.abs(c.occurredAt.getTime() - sighting.at.getTime()) <= SAME_TOUCH_MS,
      );
      if (click) carried.add(click);
      else
        raw.push({
          ...base,
          signal: `code ${code} carried on the cart from a link or ?ref= URL, ${sighting.label} by the theme embed`,
          at: sighting.at,
        });
    }
  }
  for (const click of clicks) {
    const also = carried.has(click) ? ' (its code also carried on the cart)' : '';
    const pixel =
      click.visitorId !== signals.visitorId && pixelVisitorIds.includes(click.visitorId)
        ? ' (visitor reported by the web pixel at checkout)'
        : '';
    raw.push({
      advocateId: click.advocateId,
      codeId: click.codeId,
      source: 'link',
      signal: `link click on /r/${click.code ?? '?'} by visitor ${click.visitorId}${pixel}${also}`,
      at: click.occurredAt,
    });
  }
  for (const code of typed) {
    const row = rowOf(code);
    if (!row) continue; // a friend offer (below) or the shop's own discount: not an advocate's code
    raw.push({
      advocateId: row.advocateId,
      codeId: row.id,
      source: 'code',
      signal: `referral code ${code} typed at checkout: at the order time`,
      at: orderAt,
    });
  }
  // A friend's own single-use code, handed out for one advocate, says whose offer they used.
  for (const offer of typed.length > 0 ? await findLiveOffersByCodes(m.db, m.merchantId, typed) : []) {
    raw.push({
      advocateId: offer.advocateId,
      codeId: offer.codeId,
      source: 'discount',
      signal: `friend offer code ${offer.discountCode} used at checkout: at the order time (offer issued ${offer.createdAt.toISOString()})`,
      at: orderAt,
    });
  }
  const dealRow = dealCode ? rowOf(dealCode) : undefined;
  if (dealRow) {
    raw.push({
      advocateId: dealRow.advocateId,
      codeId: dealRow.id,
      source: 'deal',
      signal: `HubSpot deal won by a contact referred through code ${dealRow.code}: at the deal's close (when the referral happened is not recorded)`,
      at: orderAt,
    });
  }
  if (order.emailNormalized) {
    for (const inv of await findInvitationsTo(m, order.emailNormalized)) {
      raw.push({
        advocateId: inv.advocateId,
        codeId: null,
        source: 'email',
        signal: `email invitation to ${order.emailNormalized}`,
        at: inv.invitedAt,
      });
    }
  }
  return { touches: await enrich(m, raw, book, notes), notes };
}

/** The cart's codes: each sighting the embed recorded, and the latest code alone when it has none. */
function cartCodesOf(signals: OrderSignals): CartCode[] {
  const out: CartCode[] = [];
  for (const t of signals.cartTouches ?? []) {
    const code = normalizeCode(t.code);
    if (!code || out.some((c) => c.code === code)) continue;
    const first = new Date(t.firstSeenAt);
    const last = new Date(t.lastSeenAt);
    const sightings = [{ label: `first seen ${first.toISOString()}`, at: first }];
    if (last.getTime() > first.getTime())
      sightings.push({ label: `last seen ${last.toISOString()}`, at: last });
    out.push({ code, sightings });
  }
  const latest = signals.referralCode ? normalizeCode(signals.referralCode) : '';
  if (latest && !out.some((c) => c.code === latest)) out.push({ code: latest, sightings: null });
  return out;
}

async function enrich(
  m: MerchantScope,
  raw: RawTouch[],
  book: ProgramBook,
  notes: string[],
): Promise<ProgramTouch[]> {
  if (raw.length === 0) return [];
  const ids = [...new Set(raw.map((t) => t.advocateId))];
  const people = await findAdvocatesWithIdentity(m, ids);
  const codes = await findCodesOfAdvocates(m, ids);
  const touches: ProgramTouch[] = [];
  for (const t of raw) {
    const who = people.find((p) => p.advocateId === t.advocateId);
    const code =
      codes.find((c) => c.id === t.codeId)?.code ??
      codes.find((c) => c.advocateId === t.advocateId && c.status === 'active')?.code ??
      null;
    if (who?.status !== 'active') {
      notes.push(
        `Ignored: ${t.source} '${t.signal}' for advocate ${t.advocateId}${code ? ` (code ${code})` : ''}: the advocate is not active`,
      );
      continue;
    }
    const version = book.inForce(who.programId, t.at);
    touches.push({
      ...t,
      advocateCode: code,
      advocateCustomerId: who.customerId,
      advocatePlatformCustomerId: who.platformCustomerId,
      advocateEmailNormalized: who.emailNormalized,
      programId: who.programId,
      windowDays: version.rules.eligibility.attributionWindowDays,
    });
  }
  return touches;
}

// Core's contact view -> the app card's JSON contract. The contract is the card's own module
// (project/src/app/cards/card-payload.ts, bundled with the card by HubSpot's CLI): the type is
// imported from there, so a field renamed or dropped on either side is a compile error here, and
// card/card-contract.int.test.ts parses the route's real answer with the card's parser. Type-only:
// nothing of the card is loaded at run time.

import type { ContactReferralCard } from '@referrals/core';
import type { CardPayload } from '@referrals/hubspot-card/card-payload';

export type { CardPayload } from '@referrals/hubspot-card/card-payload';
export type CardPayloadStatus = CardPayload['status'];

export function toCardPayload(
  view: ContactReferralCard | null,
  input: { email: string | null; status: CardPayloadStatus; linkFor: (code: string) => string },
): CardPayload {
  const advocate = view?.advocate ?? null;
  const currency = advocate?.currency ?? 'USD';
  const totals = advocate?.dashboard.totals.find((t) => t.currency === currency);
  return {
    status: input.status,
    contact: { email: view?.email ?? input.email },
    referredBy: view?.referredBy
      ? {
          advocateName: view.referredBy.advocateName,
          advocateEmail: view.referredBy.advocateEmail,
          source: view.referredBy.source,
          code: view.referredBy.code,
          at: view.referredBy.at.toISOString(),
        }
      : null,
    advocate: advocate
      ? {
          code: advocate.dashboard.linkCode,
          link: advocate.dashboard.linkCode ? input.linkFor(advocate.dashboard.linkCode) : null,
          score: {
            score: advocate.score?.score ?? 0,
            // 'v1' -> 1: the card compares versions as numbers.
            version: Number((advocate.score?.formulaVersion ?? 'v1').replace(/^v/, '')),
            components: (advocate.score?.components ?? []).map((c) => ({
              key: c.key,
              label: c.label,
              points: c.points,
              max: c.max,
              detail: c.detail,
            })),
          },
          referrals: advocate.dashboard.referrals.map((r) => ({
            friend: r.friendLabel,
            status: r.status,
            orderTotalMinor: null,
            currency,
            at: r.createdAt.toISOString(),
          })),
          revenueMinor: advocate.revenueMinor,
          currency,
          rewards: {
            earnedMinor: totals?.earnedMinor ?? 0,
            pendingMinor: totals?.pendingMinor ?? 0,
            currency,
          },
        }
      : null,
  };
}

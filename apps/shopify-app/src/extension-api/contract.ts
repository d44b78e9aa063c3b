// What the checkout and customer account extensions receive: one summary, in four states. Words and
// amounts arrive formatted (the extensions only lay them out); the extensions' own type
// (extensions/referral-thank-you/src/referral-summary.ts) is checked against this schema in its tests.
import { z } from 'zod';

const offerSchema = z.object({
  /** "Share and give 15% off". */
  headline: z.string(),
  /** "Your friend gets 15% off their first order." */
  friend: z.string().nullable(),
  /** "You get $10.00 in store credit for each friend who places their first order." */
  advocate: z.string().nullable(),
  /** The friend's offer addressed to the friend, for share messages: "15% off your first order". */
  gift: z.string().nullable(),
});

export const referralSummarySchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('advocate'),
    offer: offerSchema,
    /** The advocate's `/r/:code` link; null when suspended or every code is disabled. */
    link: z.string().nullable(),
    code: z.string().nullable(),
    referrals: z.array(z.object({ friend: z.string(), status: z.string(), date: z.string() })),
    rewards: z.array(z.object({ description: z.string(), status: z.string(), date: z.string() })),
    totals: z.array(z.object({ earned: z.string(), pending: z.string() })),
  }),
  /** A logged-in customer who has not joined: the extension offers one-tap enrolment. */
  z.object({ state: z.literal('not_enrolled'), offer: offerSchema }),
  /** No customer in the token (a guest checkout): the storefront page is where they can join. */
  z.object({ state: z.literal('guest'), offer: offerSchema, joinUrl: z.string() }),
  z.object({ state: z.literal('no_program') }),
]);
export type ReferralSummary = z.infer<typeof referralSummarySchema>;

/** POST /extensions/referrals/enroll: the buyer ticked the consent box. */
export const enrollRequestSchema = z.object({ consent: z.literal(true) });

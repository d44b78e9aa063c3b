// /proxy/invite/:code... - the friend's pages: the offer a referral link lands on (GET), the
// personal-code form (GET .../claim) and its post (POST .../claim). Mounted after authenticateProxy.
import {
  claimFriendOffer,
  type Database,
  DomainError,
  type FriendCodeKey,
  type FriendOfferIssuer,
  findCodeOwner,
  findVersionInForce,
  issueFriendOffer,
  type ProgramRules,
} from '@referrals/core';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { REFERRAL_SIGNATURE_PARAM } from '../discounts/referral-signature.js';
import { linkCodeSchema, linkPathSchema, visitorIdSchema } from '../links/link-input.js';
import { describeRewardSpec } from './format.js';
import {
  claimPage,
  friendCodePage,
  friendOfferWords,
  invalidInvitePage,
  invitePage,
  shopPath,
} from './friend-pages.js';
import { messagePage } from './pages.js';
import { contextOf, type ProxyContext } from './proxy-context.js';
import { sendLiquid } from './responses.js';

export type FriendRouteDeps = {
  db: Database;
  logger: Logger;
  friendOffers?: FriendOfferIssuer | undefined;
  friendCodeKey: FriendCodeKey;
  now: () => number;
};

const claimFormSchema = z.object({ email: z.string().trim().email().max(254) });
const DISCOUNT_KINDS = new Set(['percent_discount', 'fixed_discount']);
/** `rs` as the /r/:code redirect writes it (discounts/referral-signature.ts); checked at checkout. */
const signatureSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

/** What the redirect carried on to this page (Shopify forwards the query, signed): each checked, or dropped. */
function arrival(req: Request) {
  const query = new URL(req.originalUrl, 'http://proxy.invalid').searchParams;
  const read = <T>(schema: z.ZodType<T>, name: string): T | undefined => {
    const value = query.get(name);
    if (value === null) return undefined;
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  };
  return {
    visitorId: read(visitorIdSchema, 'rv'),
    signature: read(signatureSchema, REFERRAL_SIGNATURE_PARAM),
    to: read(linkPathSchema, 'to') ?? '/',
  };
}

export function friendRoutes(deps: FriendRouteDeps): Router {
  const { db, logger, now } = deps;
  const router = express.Router();

  const loadOwner = async (ctx: ProxyContext, rawCode: unknown) => {
    const raw = linkCodeSchema.safeParse(rawCode);
    const owner = raw.success ? await findCodeOwner(db, ctx.merchant.id, raw.data) : null;
    if (!owner) return null;
    const version = await findVersionInForce(db, ctx.merchant.id, owner.programId, new Date(now()));
    return { owner, rules: version.rules };
  };
  const isDiscount = (rules: ProgramRules) =>
    rules.friendReward !== null &&
    rules.friendReward !== undefined &&
    DISCOUNT_KINDS.has(rules.friendReward.kind);
  const claimHref = (ctx: ProxyContext, code: string) =>
    `${ctx.prefix}/invite/${encodeURIComponent(code)}/claim`;

  // GET /proxy/invite/:code - where a referral link lands: the offer in words and one button to the shop
  router.get('/invite/:code', async (req, res) => {
    const ctx = contextOf(res);
    const found = await loadOwner(ctx, req.params.code);
    if (!found) return sendLiquid(res, 404, invalidInvitePage());
    const { owner, rules } = found;
    const discount = isDiscount(rules);
    const { visitorId, signature, to } = arrival(req);
    // The button carries ref, rv and rs on to the shop, where the theme embed puts them on the
    // cart and the automatic discount checks rs. Without rs (a page opened by hand, or no
    // signing secret) it applies the advocate's code, a redeem code of the code discount, instead.
    const tracking = { ref: owner.code, ...(visitorId ? { rv: visitorId } : {}) };
    const shopHref =
      discount && !signature
        ? `/discount/${encodeURIComponent(owner.code)}?redirect=${encodeURIComponent(shopPath(to, tracking))}`
        : shopPath(to, { ...tracking, ...(signature ? { [REFERRAL_SIGNATURE_PARAM]: signature } : {}) });
    sendLiquid(
      res,
      200,
      invitePage({
        advocateName: owner.firstName,
        friendOffer: friendOfferWords(rules, ctx.merchant.currency),
        shopHref,
        shopLabel:
          discount && rules.friendReward
            ? `Shop now with ${describeRewardSpec(rules.friendReward, ctx.merchant.currency)}`
            : 'Start shopping',
        appliesAtCheckout: discount,
        claimHref: discount ? claimHref(ctx, owner.code) : null,
      }),
    );
  });

  const sendClaimForm = (
    res: Response,
    ctx: ProxyContext,
    found: NonNullable<Awaited<ReturnType<typeof loadOwner>>>,
    status: number,
    error: string | null,
  ) =>
    sendLiquid(
      res,
      status,
      claimPage({
        friendOffer: friendOfferWords(found.rules, ctx.merchant.currency),
        action: claimHref(ctx, found.owner.code),
        backHref: `${ctx.prefix}/invite/${encodeURIComponent(found.owner.code)}`,
        error,
      }),
    );

  // GET /proxy/invite/:code/claim - the email form for a personal single-use code
  router.get('/invite/:code/claim', async (req, res) => {
    const ctx = contextOf(res);
    const found = await loadOwner(ctx, req.params.code);
    if (!found) return sendLiquid(res, 404, invalidInvitePage());
    if (!isDiscount(found.rules))
      return sendLiquid(res, 404, messagePage('Page not found', 'There is nothing at this address.'));
    sendClaimForm(res, ctx, found, 200, null);
  });

  // POST /proxy/invite/:code/claim - the friend asks for their own single-use welcome code
  router.post(
    '/invite/:code/claim',
    express.urlencoded({ limit: '4kb', extended: false }),
    async (req, res) => {
      const ctx = contextOf(res);
      const found = await loadOwner(ctx, req.params.code);
      if (!found) return sendLiquid(res, 404, invalidInvitePage());
      const code = found.owner.code;
      const form = claimFormSchema.safeParse(req.body ?? {});
      if (!form.success) return sendClaimForm(res, ctx, found, 400, 'Please enter a valid email address.');
      let claim: Awaited<ReturnType<typeof claimFriendOffer>>;
      try {
        claim = await claimFriendOffer(db, deps.friendCodeKey, {
          merchantId: ctx.merchant.id,
          referralCode: code,
          email: form.data.email,
          at: new Date(now()),
        });
      } catch (error) {
        if (error instanceof DomainError && error.code === 'INVALID_CODE')
          return sendLiquid(res, 404, invalidInvitePage());
        // The advocate's own address, or one that has ordered before from a first-order offer: the
        // same words for both, so the form does not tell who shops here.
        if (error instanceof DomainError && error.code === 'VALIDATION')
          return sendClaimForm(
            res,
            ctx,
            found,
            400,
            'This invitation cannot be used with that email address.',
          );
        throw error;
      }
      const { offer } = claim;
      if (offer.status === 'deactivated' || offer.status === 'used') {
        return sendLiquid(
          res,
          409,
          messagePage('This welcome code has been used', 'Each friend gets one welcome code.'),
        );
      }
      // Make the code now so it works the moment the friend reaches checkout; if Shopify is slow
      // or down, the queued job (friend_offer.created) makes it shortly after.
      if (deps.friendOffers) {
        await issueFriendOffer(db, deps.friendOffers, {
          merchantId: ctx.merchant.id,
          offerId: offer.id,
        }).catch((err: unknown) => logger.warn({ err, offerId: offer.id }, 'friend code left to the worker'));
      }
      sendLiquid(
        res,
        200,
        friendCodePage({
          code: offer.discountCode,
          friendOffer: friendOfferWords(found.rules, ctx.merchant.currency),
          // Shopify's discount link stores the code in the cart, then lands on the shop with the referral.
          applyHref: `/discount/${encodeURIComponent(offer.discountCode)}?redirect=${encodeURIComponent(shopPath('/', { ref: code }))}`,
        }),
      );
    },
  );

  return router;
}

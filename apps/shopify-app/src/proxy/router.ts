// /proxy/... - the storefront pages Shopify forwards from https://{shop}/apps/referrals/..., signed
import {
  claimFriendOffer,
  type Database,
  DomainError,
  describeError,
  enrollAdvocate,
  errorLogFields,
  type FriendCodeKey,
  type FriendOfferIssuer,
  findActiveProgramId,
  findAdvocateLinkCode,
  findCodeOwner,
  findVersionInForce,
  getAdvocateDashboard,
  issueFriendOffer,
} from '@referrals/core';
import express, { type ErrorRequestHandler, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { linkCodeSchema } from '../links/link-input.js';
import type { CustomerContactLookup } from '../shopify/customer-contact.js';
import { dashboardPage } from './dashboard-page.js';
import { checkEnrollToken, issueEnrollToken } from './enroll-token.js';
import { describeFriendOffer, describeProgram } from './format.js';
import {
  enrollPage,
  friendCodePage,
  invalidInvitePage,
  invitePage,
  loggedOutPage,
  loginRequiredPage,
  messagePage,
  noProgramPage,
} from './pages.js';
import { authenticateProxy, contextOf, isJsonRoute, type ProxyContext } from './proxy-context.js';
import { sendJson, sendLiquid } from './responses.js';

export type ProxyDeps = {
  db: Database;
  /** The app's API secret: Shopify signs proxied requests with it. */
  apiSecret: string;
  logger: Logger;
  /** The app's public URL, where `/r/:code` links are served. */
  linkBaseUrl: string;
  /** Reads the customer's email and first name from Shopify when they enrol (best effort). */
  customerContact?: CustomerContactLookup | undefined;
  /** Creates a friend's code on Shopify while they wait; without it the worker's job does. */
  friendOffers?: FriendOfferIssuer | undefined;
  /** Keys the friend codes handed out here (`ShopifyPlatform.friendCodeKey`). */
  friendCodeKey: FriendCodeKey;
  /** Milliseconds since the epoch; injectable so tests move the signature and consent clocks. */
  now?: () => number;
};

const claimFormSchema = z.object({ email: z.string().trim().email().max(254) });
const DISCOUNT_KINDS = new Set(['percent_discount', 'fixed_discount']);

/** A plain HTML form post; `token` ties it to the page we served this customer (see enroll-token.ts). */
const enrollFormSchema = z.object({ consent: z.literal('on'), token: z.string().max(200) });

export function proxyRouter(deps: ProxyDeps): Router {
  const { db, apiSecret, logger } = deps;
  const now = deps.now ?? Date.now;
  const linkBase = deps.linkBaseUrl.replace(/\/+$/, '');
  const linkFor = (code: string, shop: string) =>
    `${linkBase}/r/${encodeURIComponent(code)}?shop=${encodeURIComponent(shop)}`;

  /** The rules of the merchant's active programme as sentences, or null when none runs. */
  const activeTerms = async (ctx: ProxyContext) => {
    const programId = await findActiveProgramId(db, ctx.merchant.id);
    if (!programId) return null;
    const version = await findVersionInForce(db, ctx.merchant.id, programId, new Date(now()));
    return { programId, terms: describeProgram(version.rules, ctx.merchant.currency) };
  };

  const sendEnrollForm = async (res: Response, ctx: ProxyContext, status: number, error?: string) => {
    const program = await activeTerms(ctx);
    if (!program) return sendLiquid(res, status === 200 ? 200 : 409, noProgramPage());
    const token = issueEnrollToken({
      apiSecret,
      merchantId: ctx.merchant.id,
      customerId: ctx.customerId!,
      nowMs: now(),
    });
    sendLiquid(res, status, enrollPage({ terms: program.terms, prefix: ctx.prefix, token, error }));
  };

  const proxy = express.Router();
  proxy.use(authenticateProxy({ db, apiSecret, logger, now }));

  // GET /proxy - the programme for visitors, the enrolment form for customers, the dashboard for advocates
  proxy.get('/', async (_req, res) => {
    const ctx = contextOf(res);
    if (!ctx.customerId) {
      const program = await activeTerms(ctx);
      return sendLiquid(res, 200, program ? loggedOutPage(program.terms, ctx.prefix) : noProgramPage());
    }
    const dashboard = await getAdvocateDashboard(db, {
      merchantId: ctx.merchant.id,
      platformCustomerId: ctx.customerId,
    });
    if (!dashboard) return sendEnrollForm(res, ctx, 200);
    const version = await findVersionInForce(
      db,
      ctx.merchant.id,
      dashboard.advocate.programId,
      new Date(now()),
    );
    const link = dashboard.linkCode ? linkFor(dashboard.linkCode, ctx.merchant.shopDomain) : null;
    sendLiquid(
      res,
      200,
      dashboardPage({ dashboard, link, terms: describeProgram(version.rules, ctx.merchant.currency) }),
    );
  });

  // POST /proxy/enroll - a logged-in customer accepts the terms and becomes an advocate (idempotent)
  proxy.post('/enroll', express.urlencoded({ limit: '8kb', extended: false }), async (req, res) => {
    const ctx = contextOf(res);
    if (!ctx.customerId) return sendLiquid(res, 401, loginRequiredPage(ctx.prefix));
    const form = enrollFormSchema.safeParse(req.body ?? {});
    if (!form.success) {
      return sendEnrollForm(res, ctx, 400, 'Please tick the box to accept the terms before joining.');
    }
    const subject = { apiSecret, merchantId: ctx.merchant.id, customerId: ctx.customerId, nowMs: now() };
    if (!checkEnrollToken(form.data.token, subject)) {
      return sendEnrollForm(res, ctx, 400, 'This form has expired. Please tick the box and try again.');
    }
    const programId = await findActiveProgramId(db, ctx.merchant.id);
    if (!programId) return sendLiquid(res, 409, noProgramPage());
    // The proxy names the customer by id only; their email lets the CRM and Flow know them.
    const contact = deps.customerContact
      ? await deps.customerContact(ctx.merchant.id, ctx.customerId).catch((err: unknown) => {
          logger.warn({ err }, 'customer contact lookup failed; enrolling by id only');
          return null;
        })
      : null;
    await enrollAdvocate(db, {
      merchantId: ctx.merchant.id,
      programId,
      customer: {
        platformCustomerId: ctx.customerId,
        email: contact?.email ?? null,
        firstName: contact?.firstName ?? null,
      },
      consentAt: new Date(now()),
      actor: `customer:${ctx.customerId}`,
    });
    // The proxied URL on the storefront, so the dashboard opens inside the theme.
    res.writeHead(303, { Location: ctx.prefix, 'Cache-Control': 'no-store', 'Content-Length': 0 });
    res.end();
  });

  // GET /proxy/link - the share block's JSON: {code, url} for an advocate, 404 otherwise
  proxy.get('/link', async (_req, res) => {
    const ctx = contextOf(res);
    if (!ctx.customerId)
      return sendJson(res, 401, { error: 'UNAUTHORIZED', message: 'Log in to see your link.' });
    const code = await findAdvocateLinkCode(db, {
      merchantId: ctx.merchant.id,
      platformCustomerId: ctx.customerId,
    });
    if (!code)
      return sendJson(res, 404, { error: 'NOT_FOUND', message: 'No referral link for this customer.' });
    sendJson(res, 200, { code, url: linkFor(code, ctx.merchant.shopDomain) });
  });

  // GET /proxy/invite/:code - a friend's landing page: who invited them and what they get
  const sendInvite = async (
    res: Response,
    ctx: ProxyContext,
    rawCode: unknown,
    status = 200,
    error?: string,
  ) => {
    const raw = linkCodeSchema.safeParse(rawCode);
    const owner = raw.success ? await findCodeOwner(db, ctx.merchant.id, raw.data) : null;
    if (!owner) return sendLiquid(res, 404, invalidInvitePage());
    const version = await findVersionInForce(db, ctx.merchant.id, owner.programId, new Date(now()));
    const kind = version.rules.friendReward?.kind;
    sendLiquid(
      res,
      status,
      invitePage({
        advocateName: owner.firstName,
        friendOffer: describeFriendOffer(version.rules, ctx.merchant.currency),
        // The theme embed reads ?ref= on any storefront page and keeps it for the cart.
        shopHref: `/?ref=${encodeURIComponent(owner.code)}`,
        claimAction:
          kind && DISCOUNT_KINDS.has(kind)
            ? `${ctx.prefix}/invite/${encodeURIComponent(owner.code)}/claim`
            : null,
        error: error ?? null,
      }),
    );
  };
  proxy.get('/invite/:code', (req, res) => sendInvite(res, contextOf(res), req.params.code));

  // POST /proxy/invite/:code/claim - the friend asks for their own single-use welcome code
  proxy.post(
    '/invite/:code/claim',
    express.urlencoded({ limit: '4kb', extended: false }),
    async (req, res) => {
      const ctx = contextOf(res);
      const code = linkCodeSchema.safeParse(req.params.code);
      const form = claimFormSchema.safeParse(req.body ?? {});
      const owner = code.success ? await findCodeOwner(db, ctx.merchant.id, code.data) : null;
      if (!code.success || !owner) return sendLiquid(res, 404, invalidInvitePage());
      if (!form.success) return sendInvite(res, ctx, code.data, 400, 'Please enter a valid email address.');
      let claim: Awaited<ReturnType<typeof claimFriendOffer>>;
      try {
        claim = await claimFriendOffer(db, deps.friendCodeKey, {
          merchantId: ctx.merchant.id,
          referralCode: code.data,
          email: form.data.email,
          at: new Date(now()),
        });
      } catch (error) {
        if (error instanceof DomainError && error.code === 'INVALID_CODE')
          return sendLiquid(res, 404, invalidInvitePage());
        if (error instanceof DomainError && error.code === 'VALIDATION')
          return sendInvite(
            res,
            ctx,
            code.data,
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
      const version = await findVersionInForce(db, ctx.merchant.id, owner.programId, new Date(now()));
      sendLiquid(
        res,
        200,
        friendCodePage({
          code: offer.discountCode,
          friendOffer: describeFriendOffer(version.rules, ctx.merchant.currency),
          // Shopify's discount link stores the code in the cart, then lands on the referral page.
          applyHref: `/discount/${encodeURIComponent(offer.discountCode)}?redirect=${encodeURIComponent(`/?ref=${code.data}`)}`,
        }),
      );
    },
  );

  proxy.use((req, res) => {
    if (isJsonRoute(req)) return sendJson(res, 404, { error: 'NOT_FOUND', message: 'Not found.' });
    sendLiquid(res, 404, messagePage('Page not found', 'There is nothing at this address.'));
  });
  proxy.use(proxyErrorHandler(logger));

  const router = express.Router();
  router.use('/proxy', proxy);
  return router;
}

/** Failures inside the storefront stay inside the theme: a page (or JSON for the share block), never a stack. */
function proxyErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const { status, body } = describeError(error);
    const fields = { ...errorLogFields(error), status, path: req.path };
    if (status >= 500) logger.error({ err: error, ...fields }, 'app proxy request failed');
    else logger.warn(fields, 'app proxy request refused');
    if (isJsonRoute(req)) return sendJson(res, status, body);
    sendLiquid(
      res,
      status,
      status >= 500
        ? messagePage('Something went wrong', 'Please try again in a minute.')
        : messagePage('This request could not be completed', 'Please go back and try again.'),
    );
  };
}

// /proxy/... - the storefront pages Shopify forwards from https://{shop}/apps/referrals/..., signed
import {
  type Database,
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
} from '@referrals/core';
import express, { type ErrorRequestHandler, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CustomerContactLookup } from '../shopify/customer-contact.js';
import { dashboardPage } from './dashboard-page.js';
import { checkEnrollToken, issueEnrollToken } from './enroll-token.js';
import { describeProgram } from './format.js';
import { friendRoutes } from './friend-routes.js';
import { enrollPage, loggedOutPage, loginRequiredPage, messagePage, noProgramPage } from './pages.js';
import { authenticateProxy, contextOf, isJsonRoute, type ProxyContext } from './proxy-context.js';
import { sendJson, sendLiquid } from './responses.js';
import { advocateShare, offerHeadline } from './share-offer.js';

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
    return { programId, version, terms: describeProgram(version.rules, ctx.merchant.currency) };
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
    const headline = offerHeadline(program.version.rules, ctx.merchant.currency);
    sendLiquid(res, status, enrollPage({ terms: program.terms, headline, prefix: ctx.prefix, token, error }));
  };

  const proxy = express.Router();
  proxy.use(authenticateProxy({ db, apiSecret, logger, now }));

  // GET /proxy - the programme for visitors, the enrolment form for customers, the dashboard for advocates
  proxy.get('/', async (req, res) => {
    const ctx = contextOf(res);
    if (!ctx.customerId) {
      const program = await activeTerms(ctx);
      if (!program) return sendLiquid(res, 200, noProgramPage());
      const headline = offerHeadline(program.version.rules, ctx.merchant.currency);
      return sendLiquid(res, 200, loggedOutPage(program.terms, ctx.prefix, headline));
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
    const { currency, shopDomain } = ctx.merchant;
    const share = dashboard.linkCode
      ? advocateShare(version.rules, currency, dashboard.linkCode, linkFor(dashboard.linkCode, shopDomain))
      : null;
    sendLiquid(
      res,
      200,
      dashboardPage({
        dashboard,
        share,
        terms: describeProgram(version.rules, currency),
        joined: new URL(req.originalUrl, 'http://proxy.invalid').searchParams.get('joined') === '1',
      }),
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
    // The proxied URL on the storefront, so the dashboard opens inside the theme; `joined=1` has it
    // confirm the enrolment (a reload of the form's answer never posts it again).
    res.writeHead(303, {
      Location: `${ctx.prefix}?joined=1`,
      'Cache-Control': 'no-store',
      'Content-Length': 0,
    });
    res.end();
  });

  // GET /proxy/link - the share block's JSON: {code, url, headline, message} for an advocate; 404
  // otherwise, with `join: {headline}` when the customer has not joined and a programme runs
  proxy.get('/link', async (_req, res) => {
    const ctx = contextOf(res);
    if (!ctx.customerId)
      return sendJson(res, 401, { error: 'UNAUTHORIZED', message: 'Log in to see your link.' });
    const customer = { merchantId: ctx.merchant.id, platformCustomerId: ctx.customerId };
    const code = await findAdvocateLinkCode(db, customer);
    const notFound = { error: 'NOT_FOUND', message: 'No referral link for this customer.' };
    if (!code) {
      // A paused advocate is not invited to join again: only a customer with no dashboard is.
      const program = (await getAdvocateDashboard(db, customer)) ? null : await activeTerms(ctx);
      if (!program) return sendJson(res, 404, notFound);
      return sendJson(res, 404, {
        ...notFound,
        join: { headline: offerHeadline(program.version.rules, ctx.merchant.currency) },
      });
    }
    const owner = await findCodeOwner(db, ctx.merchant.id, code);
    if (!owner) return sendJson(res, 404, notFound);
    const version = await findVersionInForce(db, ctx.merchant.id, owner.programId, new Date(now()));
    const url = linkFor(code, ctx.merchant.shopDomain);
    const { headline, message } = advocateShare(version.rules, ctx.merchant.currency, code, url);
    sendJson(res, 200, { code, url, headline, text: message.text, message: message.withLink });
  });

  // GET|POST /proxy/invite/:code... - the friend's pages (friend-routes.ts)
  proxy.use(
    friendRoutes({
      db,
      logger,
      friendOffers: deps.friendOffers,
      friendCodeKey: deps.friendCodeKey,
      now,
    }),
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

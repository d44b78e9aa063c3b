// /api/referrals*, /api/review-queue* and /api/orders/:orderId/attribution - see
// contract/referrals.ts for each route's request and response. Every route reads and writes only
// the shop the session token names; the use cases confine themselves to it.
import {
  countReviewQueue,
  DomainError,
  explainOrder,
  explainReferral,
  listReferrals,
  listReviewQueue,
  reviewReferral,
} from '@referrals/core';
import express, { type Request, type Router } from 'express';
import { listReferralsQuerySchema, reviewReferralBodySchema } from '../contract/referrals.js';
import { currentMerchant, currentStaff } from '../session-token.js';
import type { AdminApiDeps } from './deps.js';
import { parseInput } from './parse-input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A referral id from the URL; one that is not ours (or not an id at all) is simply not found. */
function referralIdOf(req: Request): string {
  const id = String(req.params.referralId ?? '');
  if (!UUID.test(id)) throw new DomainError('NOT_FOUND', `Referral ${id.slice(0, 64)} not found.`);
  return id;
}

/** "#1001", " 1001 " or "gid://shopify/Order/1001" -> "1001". */
const orderIdOf = (raw: string) =>
  raw
    .trim()
    .replace(/^#/, '')
    .replace(/^gid:\/\/shopify\/Order\//i, '');

export function referralsApi(deps: AdminApiDeps): Router {
  const router = express.Router();

  // GET /api/referrals - a page of referrals, newest first, filtered by status, source and dates
  router.get('/referrals', async (req, res) => {
    const query = parseInput(listReferralsQuerySchema, req.query, req);
    const page = await listReferrals(deps.db, currentMerchant(res).id, {
      statuses: query.status,
      sources: query.source,
      from: query.from ? new Date(query.from) : null,
      before: query.to ? new Date(query.to) : null,
      limit: query.limit,
      cursor: query.cursor ?? null,
    });
    res.json({
      referrals: page.referrals.map((r) => ({
        id: r.id,
        status: r.status,
        source: r.source,
        riskScore: r.riskScore,
        orderId: r.orderId,
        totalMinor: r.totalMinor,
        currency: r.currency,
        advocate: { id: r.advocateId, email: r.advocateEmail, firstName: r.advocateFirstName },
        friendEmail: r.friendEmail,
        createdAt: r.createdAt,
      })),
      pageInfo: { nextCursor: page.nextCursor },
    });
  });

  // GET /api/referrals/:referralId - the whole trail: signals, rule, risk, moves, order, rewards
  router.get('/referrals/:referralId', async (req, res) => {
    const trail = await explainReferral(deps.db, currentMerchant(res).id, referralIdOf(req));
    if (!trail) throw new DomainError('NOT_FOUND', `Referral ${req.params.referralId} not found.`);
    res.json(trail);
  });

  // POST /api/referrals/:referralId/review - approve or reject a flagged referral, with a note
  router.post('/referrals/:referralId/review', async (req, res) => {
    const referralId = referralIdOf(req);
    const body = parseInput(reviewReferralBodySchema, req.body, req);
    const merchantId = currentMerchant(res).id;
    try {
      // Reviewing hashes no IP address, so the engine context needs no salt.
      await reviewReferral(
        { db: deps.db, ipHashSalt: '' },
        { merchantId, referralId, verdict: body.verdict, actor: currentStaff(res), note: body.note },
      );
    } catch (error) {
      if (
        error instanceof DomainError &&
        (error.code === 'ILLEGAL_TRANSITION' || error.code === 'RETRY_LATER')
      ) {
        throw new DomainError('CONFLICT', `Referral ${referralId} is not waiting for review.`, {
          publicMessage: 'This referral is no longer waiting for review. Refresh to see where it stands.',
          cause: error,
        });
      }
      throw error;
    }
    res.json({ referral: { id: referralId, status: body.verdict === 'approve' ? 'approved' : 'rejected' } });
  });

  // GET /api/review-queue - referrals held for review, oldest first, with risk and evidence
  router.get('/review-queue', async (_req, res) => {
    res.json({ referrals: await listReviewQueue(deps.db, currentMerchant(res).id) });
  });

  // GET /api/review-queue/count - how many wait for a verdict (the navigation badge)
  router.get('/review-queue/count', async (_req, res) => {
    res.json({ count: await countReviewQueue(deps.db, currentMerchant(res).id) });
  });

  // GET /api/orders/:orderId/attribution - why this order was (or wasn't) credited
  router.get('/orders/:orderId/attribution', async (req, res) => {
    const orderId = orderIdOf(String(req.params.orderId ?? ''));
    if (!orderId || orderId.length > 64) throw new DomainError('NOT_FOUND', 'Order id out of range.');
    const explanation = await explainOrder(deps.db, currentMerchant(res).id, orderId);
    if (!explanation) throw new DomainError('NOT_FOUND', `Order ${orderId} not found.`);
    res.json(explanation);
  });

  return router;
}

// /api/advocates* - see contract/advocates.ts for each route's request and response.
import {
  DomainError,
  disableCode,
  enrollCustomerByEmail,
  getAdvocate,
  isAdvocateId,
  listAdvocates,
  rotateCode,
  setAdvocateStatus,
} from '@referrals/core';
import express, { type Request, type Router } from 'express';
import {
  codeActionRequestSchema,
  enrollAdvocateRequestSchema,
  listAdvocatesQuerySchema,
  setAdvocateStatusRequestSchema,
} from '../contract/advocates.js';
import { currentMerchant, currentStaff } from '../session-token.js';
import type { AdminApiDeps } from './deps.js';
import { parseInput } from './parse-input.js';

/** An advocate id from the URL; one that is not ours (or not an id at all) is simply not found. */
function advocateIdOf(req: Request): string {
  const id = String(req.params.advocateId ?? '');
  if (!isAdvocateId(id)) throw new DomainError('NOT_FOUND', `Advocate ${id.slice(0, 64)} not found.`);
  return id;
}

export function advocatesApi(deps: AdminApiDeps): Router {
  const router = express.Router();
  const linkBase = deps.linkBaseUrl?.replace(/\/+$/, '') ?? null;
  const linkFor = (code: string | null, shop: string | null) =>
    code && shop && linkBase
      ? `${linkBase}/r/${encodeURIComponent(code)}?shop=${encodeURIComponent(shop)}`
      : null;

  // GET /api/advocates - searchable, sortable page of advocates with their aggregates
  router.get('/advocates', async (req, res) => {
    const query = parseInput(listAdvocatesQuerySchema, req.query, req);
    res.json(await listAdvocates(deps.db, currentMerchant(res).id, query));
  });

  // GET /api/advocates/:advocateId - the advocate, their link, score, referrals, rewards, balances
  router.get('/advocates/:advocateId', async (req, res) => {
    const merchant = currentMerchant(res);
    const advocate = await getAdvocate(deps.db, merchant.id, advocateIdOf(req));
    if (!advocate) throw new DomainError('NOT_FOUND', `Advocate ${req.params.advocateId} not found.`);
    res.json({ advocate: { ...advocate, link: linkFor(advocate.linkCode, merchant.shopDomain) } });
  });

  // POST /api/advocates - enrol a customer by email into the active programme
  router.post('/advocates', async (req, res) => {
    const body = parseInput(enrollAdvocateRequestSchema, req.body, req);
    const enrolled = await enrollCustomerByEmail(deps.db, {
      merchantId: currentMerchant(res).id,
      email: body.email,
      firstName: body.firstName,
      actor: currentStaff(res),
    });
    res
      .status(enrolled.created ? 201 : 200)
      .json({ advocateId: enrolled.advocateId, code: enrolled.code, created: enrolled.created });
  });

  // POST /api/advocates/:advocateId/code/disable - the code stops working (no new code)
  router.post('/advocates/:advocateId/code/disable', async (req, res) => {
    const advocateId = advocateIdOf(req);
    const { code } = parseInput(codeActionRequestSchema, req.body, req);
    await disableCode(deps.db, {
      merchantId: currentMerchant(res).id,
      advocateId,
      code,
      actor: currentStaff(res),
    });
    res.json({ code, status: 'disabled' });
  });

  // POST /api/advocates/:advocateId/code/rotate - disable the code and issue a fresh one
  router.post('/advocates/:advocateId/code/rotate', async (req, res) => {
    const advocateId = advocateIdOf(req);
    const { code } = parseInput(codeActionRequestSchema, req.body, req);
    const fresh = await rotateCode(deps.db, {
      merchantId: currentMerchant(res).id,
      advocateId,
      code,
      actor: currentStaff(res),
    });
    res.json({ previousCode: code, code: fresh });
  });

  // POST /api/advocates/:advocateId/status - suspend or reactivate
  router.post('/advocates/:advocateId/status', async (req, res) => {
    const advocateId = advocateIdOf(req);
    const { status } = parseInput(setAdvocateStatusRequestSchema, req.body, req);
    res.json(
      await setAdvocateStatus(deps.db, {
        merchantId: currentMerchant(res).id,
        advocateId,
        status,
        actor: currentStaff(res),
      }),
    );
  });

  return router;
}

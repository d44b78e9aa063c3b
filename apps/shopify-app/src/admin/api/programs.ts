// /api/programs* - see contract/programs.ts for each route's request and response.
import {
  createProgram,
  DomainError,
  getProgram,
  isProgramId,
  listPrograms,
  type ProgramRulesInput,
  publishProgramVersion,
  setProgramStatus,
} from '@referrals/core';
import express, { type Request, type Router } from 'express';
import {
  createProgramRequestSchema,
  publishVersionRequestSchema,
  setProgramStatusRequestSchema,
} from '../contract/programs.js';
import { currentMerchant, currentStaff } from '../session-token.js';
import type { AdminApiDeps } from './deps.js';
import { parseInput } from './parse-input.js';

/** A programme id from the URL; one that is not ours (or not an id at all) is simply not found. */
function programIdOf(req: Request): string {
  const id = String(req.params.programId ?? '');
  if (!isProgramId(id)) throw new DomainError('NOT_FOUND', `Program ${id.slice(0, 64)} not found.`);
  return id;
}

const effectiveFrom = (iso: string | null | undefined) => (iso ? { effectiveFrom: new Date(iso) } : {});

export function programsApi(deps: AdminApiDeps): Router {
  const router = express.Router();

  // GET /api/programs - every programme with the version in force and any scheduled
  router.get('/programs', async (_req, res) => {
    res.json({ programs: await listPrograms(deps.db, currentMerchant(res).id) });
  });

  // GET /api/programs/:programId - one programme with its version history
  router.get('/programs/:programId', async (req, res) => {
    const program = await getProgram(deps.db, currentMerchant(res).id, programIdOf(req));
    if (!program) throw new DomainError('NOT_FOUND', `Program ${req.params.programId} not found.`);
    res.json({ program });
  });

  // POST /api/programs - a new programme and its first version
  router.post('/programs', async (req, res) => {
    const body = parseInput(createProgramRequestSchema, req.body, req);
    const created = await createProgram(deps.db, {
      merchantId: currentMerchant(res).id,
      name: body.name,
      rules: body.rules as ProgramRulesInput,
      actor: currentStaff(res),
      ...effectiveFrom(body.effectiveFrom),
    });
    res.status(201).json(created);
  });

  // POST /api/programs/:programId/versions - publish new rules, now or from a later date
  router.post('/programs/:programId/versions', async (req, res) => {
    const programId = programIdOf(req);
    const body = parseInput(publishVersionRequestSchema, req.body, req);
    const published = await publishProgramVersion(deps.db, {
      merchantId: currentMerchant(res).id,
      programId,
      rules: body.rules as ProgramRulesInput,
      actor: currentStaff(res),
      ...effectiveFrom(body.effectiveFrom),
    });
    res.status(201).json(published);
  });

  // POST /api/programs/:programId/status - pause or resume
  router.post('/programs/:programId/status', async (req, res) => {
    const programId = programIdOf(req);
    const body = parseInput(setProgramStatusRequestSchema, req.body, req);
    res.json(
      await setProgramStatus(deps.db, {
        merchantId: currentMerchant(res).id,
        programId,
        status: body.status,
        actor: currentStaff(res),
      }),
    );
  });

  return router;
}

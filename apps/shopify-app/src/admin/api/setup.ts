// /api/setup - see contract/setup.ts. Read-only: every step is checked on each request (the
// theme through Shopify's Admin API, the rest from our database), so the checklist never lies.
import { countClicks, findActiveProgramId, findAnyProgramId, loadConnection } from '@referrals/core';
import express, { type Router } from 'express';
import type { SetupResponse, SetupStepState, ThemeSetupStatus } from '../contract/setup.js';
import { currentMerchant } from '../session-token.js';
import type { AdminApiDeps } from './deps.js';

const stateOf = (checked: boolean | 'unknown'): SetupStepState =>
  checked === 'unknown' ? 'unknown' : checked ? 'done' : 'todo';

export function setupApi(deps: AdminApiDeps): Router {
  const router = express.Router();

  // GET /api/setup - the Getting started checklist and the theme's embed status
  router.get('/setup', async (_req, res) => {
    const merchant = currentMerchant(res);
    const shopDomain = merchant.shopDomain ?? '';
    const [anyProgramId, activeProgramId, clicks, hubspot, theme] = await Promise.all([
      findAnyProgramId(deps.db, merchant.id),
      findActiveProgramId(deps.db, merchant.id),
      countClicks(deps.db, merchant.id),
      loadConnection(deps.db, deps.encryptionKey, merchant.id, 'hubspot'),
      checkTheme(deps, merchant.id, shopDomain),
    ]);
    const steps: SetupResponse['steps'] = {
      programme: {
        state: anyProgramId ? 'done' : 'todo',
        required: true,
        programId: activeProgramId ?? anyProgramId,
        live: activeProgramId !== null,
      },
      themeEmbed: { state: stateOf(theme.embedEnabled), required: true, url: theme.editorUrls.embed },
      shareBlock: {
        state: stateOf(theme.shareBlockPlaced),
        required: true,
        url: theme.editorUrls.shareBlock,
      },
      hubspot: { state: hubspot ? 'done' : 'todo', required: false, available: !!deps.hubspotAppUrl },
      firstClick: { state: clicks > 0 ? 'done' : 'todo', required: true, clicks },
    };
    const all = Object.values(steps);
    const body: SetupResponse = {
      steps,
      theme,
      doneCount: all.filter((s) => s.state === 'done').length,
      totalCount: all.length,
      live: steps.programme.live && all.every((s) => !s.required || s.state === 'done'),
    };
    res.json(body);
  });

  return router;
}

async function checkTheme(
  deps: AdminApiDeps,
  merchantId: string,
  shopDomain: string,
): Promise<ThemeSetupStatus> {
  if (deps.themeSetup) return deps.themeSetup.check(merchantId, shopDomain);
  // Without a Shopify client (never in production) the theme cannot be read; links still work.
  const editor = `https://${shopDomain}/admin/themes/current/editor`;
  return {
    themeName: null,
    embedEnabled: 'unknown',
    shareBlockPlaced: 'unknown',
    reason: 'The theme check is not available here.',
    editorUrls: { embed: `${editor}?context=apps`, shareBlock: editor },
  };
}

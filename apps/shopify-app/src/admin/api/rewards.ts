// /api/rewards* - see contract/rewards.ts for each route's request and response.
import express, { type Router } from 'express';
import type { AdminApiDeps } from './deps.js';

export function rewardsApi(_deps: AdminApiDeps): Router {
  return express.Router();
}

// /api/programs* - see contract/programs.ts for each route's request and response.
import express, { type Router } from 'express';
import type { AdminApiDeps } from './deps.js';

export function programsApi(_deps: AdminApiDeps): Router {
  return express.Router();
}

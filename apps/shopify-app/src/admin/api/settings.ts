// /api/settings* - see contract/settings.ts for each route's request and response.
import express, { type Router } from 'express';
import type { AdminApiDeps } from './deps.js';

export function settingsApi(_deps: AdminApiDeps): Router {
  return express.Router();
}

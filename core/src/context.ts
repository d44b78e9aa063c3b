import type { Database } from './db/client.js';

/** What every workflow receives from its composition root; core never reads process.env. */
export type EngineContext = {
  db: Database;
  /** Salt for hashing IP addresses (clicks and orders hash alike, so they compare). */
  ipHashSalt: string;
  now?: () => Date;
};

export const nowOf = (ctx: EngineContext): Date => (ctx.now ? ctx.now() : new Date());

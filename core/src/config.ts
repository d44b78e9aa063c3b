// Helpers for composition roots. core itself never reads process.env: callers pass it in.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { parseEncryptionKey } from './crypto/secrets.js';
import type { Database } from './db/client.js';

/** Parses an environment with a deployable's schema; the error lists every bad variable. */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export type Health = {
  status: 200 | 503;
  body: { status: 'ok' | 'unavailable'; app: string; database: 'up' | 'down' };
};

/** What /healthz answers: up only while the database answers a query. */
export async function checkHealth(db: Database, app: string): Promise<Health> {
  try {
    await db.execute(sql`SELECT 1`);
    return { status: 200, body: { status: 'ok', app, database: 'up' } };
  } catch {
    return { status: 503, body: { status: 'unavailable', app, database: 'down' } };
  }
}

/**
 * The key that seals platform tokens: ENCRYPTION_KEY when set; otherwise (sandbox only) a key
 * made once and kept beside the local data, so restarts can still read the stored tokens.
 */
export function resolveEncryptionKey(
  configured: string | undefined,
  sandboxFile = './.data/sandbox-encryption-key',
): Buffer {
  if (configured) return parseEncryptionKey(configured);
  try {
    return parseEncryptionKey(readFileSync(sandboxFile, 'utf8').trim());
  } catch {
    const key = randomBytes(32).toString('hex');
    mkdirSync(dirname(sandboxFile), { recursive: true });
    writeFileSync(sandboxFile, key, { mode: 0o600 });
    return parseEncryptionKey(key);
  }
}

// Test fixtures: a fresh PostgreSQL database per test file on the running server (never a mock),
// migrated with the real migrations and dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../db/client.js';

export const adminDatabaseUrl = (): string =>
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestDatabase = DatabaseHandle & { url: string; name: string; drop(): Promise<void> };

export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const admin = adminDatabaseUrl();
  const name = `referrals_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: options.poolSize ?? 8 });
  await handle.migrate();
  return {
    ...handle,
    url: url.toString(),
    name,
    async drop() {
      await handle.close();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

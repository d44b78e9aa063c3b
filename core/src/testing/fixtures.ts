// vitest fixtures shared by every *.int.test.ts: one fresh database per test file.
import { test as base } from 'vitest';
import type { EngineContext } from '../context.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export type DbFixtures = { database: TestDatabase; engine: EngineContext };

export const dbTest = base.extend<DbFixtures>({
  database: [
    // biome-ignore lint/correctness/noEmptyPattern: vitest reads fixture dependencies from this pattern.
    async ({}, use) => {
      const database = await createTestDatabase();
      await use(database);
      await database.drop();
    },
    { scope: 'file' },
  ],
  engine: async ({ database }, use) => {
    await use({ db: database.db, ipHashSalt: 'test-salt' });
  },
});

// `npm run db:migrate`: applies the migrations to DATABASE_URL, or to PGlite when it is unset.
import { openDatabase } from '@referrals/core';
import { parseWorkerEnv } from '../env.js';

const env = parseWorkerEnv();
const handle = await openDatabase({ url: env.DATABASE_URL, dataDir: env.PGLITE_DATA_DIR });
try {
  await handle.migrate();
  console.log(`Migrations applied (${handle.kind}).`);
} finally {
  await handle.close();
}

// Fetches the real Admin GraphQL schema (2026-10) offline-style: `npm pack` downloads the
// @shopify/dev-mcp tarball alone (no install, no dependencies) and we keep one file from it.
// Runs before build and test; does nothing when the schema is already here. Also imported
// (`@referrals/shopify-emulator/admin-schema`) by the Shopify app's GraphQL codegen, so both
// read the same file and only this script knows how to get it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ADMIN_SCHEMA_API_VERSION = '2026-10';

const PACKAGE = '@shopify/dev-mcp@1.16.0';
const MEMBER = `package/dist/data/admin_${ADMIN_SCHEMA_API_VERSION}.json.gz`;
const dataDir = fileURLToPath(new URL('../data/', import.meta.url));

/** The gzipped introspection JSON (`{ data: IntrospectionQuery }`) of the Admin schema. */
export const adminSchemaFile = join(dataDir, `admin_${ADMIN_SCHEMA_API_VERSION}.json.gz`);

/** Downloads the schema unless it is already here; returns its path. */
export function ensureAdminSchema() {
  if (existsSync(adminSchemaFile)) return adminSchemaFile;
  const work = mkdtempSync(join(tmpdir(), 'admin-schema-'));
  try {
    // npm reaches the registry with the machine's CA and proxy settings (turbo passes them
    // through); a registry that does not answer fails the build in two minutes, not never.
    const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', work], {
      encoding: 'utf8',
      timeout: 120_000,
    })
      .trim()
      .split('\n')
      .at(-1);
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', work, MEMBER]);
    mkdirSync(dataDir, { recursive: true });
    renameSync(join(work, MEMBER), adminSchemaFile);
    console.log(`Admin GraphQL schema ${ADMIN_SCHEMA_API_VERSION} saved to ${adminSchemaFile}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return adminSchemaFile;
}

// Run as a script (build, test); imported, it only exports.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) ensureAdminSchema();

// Fetches the real Shopify schemas (2026-10) offline-style: `npm pack` downloads the
// @shopify/dev-mcp tarball alone (no install, no dependencies) and we keep two files from it: the
// Admin GraphQL schema and the Discount Function API schema (the input and output of
// extensions/friend-offer-discount). Runs before build and test; does nothing when both are
// already here. Also imported (`@referrals/shopify-emulator/admin-schema`) by the Shopify app's
// GraphQL codegen and function tests, so all read the same files and only this script knows how
// to get them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ADMIN_SCHEMA_API_VERSION = '2026-10';
/** The Discount Function API version of extensions/friend-offer-discount (its api_version). */
export const DISCOUNT_FUNCTION_API_VERSION = '2026-10';

/** The tarball that holds Shopify's schemas and the @shopify/ui-extensions type definitions. */
export const DEV_MCP_PACKAGE = '@shopify/dev-mcp@1.16.0';
const dataDir = fileURLToPath(new URL('../data/', import.meta.url));

/** The gzipped introspection JSON (`{ data: IntrospectionQuery }`) of the Admin schema. */
export const adminSchemaFile = join(dataDir, `admin_${ADMIN_SCHEMA_API_VERSION}.json.gz`);
/** The gzipped introspection JSON of the Discount Function API (`Input` query, `MutationRoot` results). */
export const discountFunctionSchemaFile = join(
  dataDir,
  `functions_discount_${DISCOUNT_FUNCTION_API_VERSION}.json.gz`,
);

const wanted = [adminSchemaFile, discountFunctionSchemaFile];

/**
 * Downloads the dev-mcp tarball alone (`npm pack`: no install, no dependencies), extracts
 * `members` (paths inside it, e.g. `package/dist/data/…`) into a temporary folder, hands that
 * folder to `use`, and removes it afterwards. The one place that knows how to get the tarball.
 */
export function withDevMcpMembers(members, use) {
  const work = mkdtempSync(join(tmpdir(), 'dev-mcp-'));
  try {
    // npm reaches the registry with the machine's CA and proxy settings (turbo passes them
    // through); a registry that does not answer fails the build in two minutes, not never.
    const tarball = execFileSync('npm', ['pack', DEV_MCP_PACKAGE, '--silent', '--pack-destination', work], {
      encoding: 'utf8',
      timeout: 120_000,
    })
      .trim()
      .split('\n')
      .at(-1);
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', work, ...members]);
    return use(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Downloads the tarball once if either schema is missing and keeps the missing ones. */
function ensureSchemas() {
  const missing = wanted.filter((file) => !existsSync(file));
  if (missing.length === 0) return;
  const members = missing.map((file) => `package/dist/data/${file.slice(dataDir.length)}`);
  withDevMcpMembers(members, (work) => {
    mkdirSync(dataDir, { recursive: true });
    missing.forEach((file, i) => {
      renameSync(join(work, members[i]), file);
      console.log(`Shopify schema saved to ${file}`);
    });
  });
}

/** Downloads the schemas unless they are already here; returns the Admin schema's path. */
export function ensureAdminSchema() {
  ensureSchemas();
  return adminSchemaFile;
}

/** Downloads the schemas unless they are already here; returns the Discount Function schema's path. */
export function ensureDiscountFunctionSchema() {
  ensureSchemas();
  return discountFunctionSchemaFile;
}

// Run as a script (build, test); imported, it only exports.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) ensureSchemas();

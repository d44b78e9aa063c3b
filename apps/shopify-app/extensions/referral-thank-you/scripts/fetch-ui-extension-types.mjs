// The type definitions of @shopify/ui-extensions 2026.7.1 (checkout and customer account API
// 2026-07), taken offline-style from the @shopify/dev-mcp tarball, as the emulator's
// fetch-admin-schema.mjs takes the Admin schema: `npm pack` downloads the tarball alone (no install)
// and we keep its package/dist/data/types/@shopify/ui-extensions/2026.7.1/ tree, gunzipped, in
// ../.types/ (git-ignored). Does nothing when they are already here. The extensions' tsconfig.json
// files map `@shopify/ui-extensions/*` onto it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withDevMcpMembers } from '@referrals/shopify-emulator/admin-schema';

export const UI_EXTENSIONS_VERSION = '2026.7.1';
const member = `package/dist/data/types/@shopify/ui-extensions/${UI_EXTENSIONS_VERSION}`;
/** The package root: package.json and build/ts/**.d.ts. */
export const uiExtensionsTypesDir = fileURLToPath(
  new URL(`../.types/@shopify/ui-extensions/${UI_EXTENSIONS_VERSION}/`, import.meta.url),
);

function gunzipAll(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) gunzipAll(path);
    else if (name.endsWith('.gz')) files.push(path);
  }
  // One gunzip per directory keeps the process count low (650 files).
  if (files.length > 0) execFileSync('gunzip', ['-f', ...files]);
}

export function ensureUiExtensionTypes() {
  if (existsSync(join(uiExtensionsTypesDir, 'package.json'))) return uiExtensionsTypesDir;
  withDevMcpMembers([member], (work) => {
    gunzipAll(join(work, member));
    mkdirSync(join(uiExtensionsTypesDir, '..'), { recursive: true });
    rmSync(uiExtensionsTypesDir, { recursive: true, force: true });
    renameSync(join(work, member), uiExtensionsTypesDir);
    console.log(`@shopify/ui-extensions ${UI_EXTENSIONS_VERSION} types saved to ${uiExtensionsTypesDir}`);
  });
  return uiExtensionsTypesDir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) ensureUiExtensionTypes();

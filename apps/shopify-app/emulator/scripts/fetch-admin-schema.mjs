// Fetches the real Admin GraphQL schema (2026-10) offline-style: `npm pack` downloads the
// @shopify/dev-mcp tarball alone (no install, no dependencies) and we keep one file from it.
// Runs before build and test; does nothing when the schema is already here.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@shopify/dev-mcp@1.16.0';
const MEMBER = 'package/dist/data/admin_2026-10.json.gz';
const dataDir = fileURLToPath(new URL('../data/', import.meta.url));
const target = join(dataDir, 'admin_2026-10.json.gz');

if (!existsSync(target)) {
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
    renameSync(join(work, MEMBER), target);
    console.log(`Admin GraphQL schema 2026-10 saved to ${target}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

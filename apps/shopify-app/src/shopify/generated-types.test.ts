// The committed generated/admin.*.ts are what codegen.ts makes from the documents and the 2026-10
// schema today: edit a document without `npm run codegen -w @referrals/shopify-app` and this fails.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const committedDir = fileURLToPath(new URL('./generated/', import.meta.url));
const cliPackage = createRequire(import.meta.url).resolve('@graphql-codegen/cli/package.json');
const cli = join(dirname(cliPackage), 'cjs/bin.js');
const outputDir = mkdtempSync(join(tmpdir(), 'admin-codegen-'));
afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

test('the committed Admin GraphQL types are up to date (npm run codegen -w @referrals/shopify-app)', () => {
  // The same command as `npm run codegen`, in a child: codegen loads graphql as CommonJS, which
  // can't share a schema object with the ES module graphql this test would load.
  try {
    execFileSync(process.execPath, [cli, '--config', 'codegen.ts'], {
      cwd: packageDir,
      env: { ...process.env, CODEGEN_OUTPUT_DIR: outputDir },
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (error) {
    // A document the schema refuses: codegen says which field, on stdout.
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`graphql-codegen failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
  const generated = readdirSync(outputDir).sort();
  expect(generated).toEqual(readdirSync(committedDir).sort());
  for (const name of generated) {
    const fresh = readFileSync(join(outputDir, name), 'utf8');
    const committed = readFileSync(join(committedDir, name), 'utf8');
    // Not toEqual: a diff of admin.types.ts would print megabytes.
    expect(committed === fresh, `${name} is stale: run npm run codegen -w @referrals/shopify-app`).toBe(true);
  }
}, 120_000);

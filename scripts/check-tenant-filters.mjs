// Lint step: no hand-written tenant filter outside the merchant-scoped handle. Every query names
// its merchant through forMerchant(...) (m.where, m.byId, m.joinOn, m.merchantRow), or, in the few
// cross-merchant reads, joins with sameMerchant(); see docs/adr/0009. Test files are exempt.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const roots = ['core/src', 'worker/src', 'apps/shopify-app/src', 'apps/hubspot-app/src'];
const handle = 'core/src/db/merchant-scope.ts';
// eq(x.merchantId, …), eq(…, x.merchantId), eq(merchants.id, …): the filters the handle writes.
const patterns = [
  /\beq\(\s*[\w.]+\.merchantId\b/,
  /\beq\([^()]*,\s*[\w.]+\.merchantId\s*\)/,
  /\beq\(\s*merchants\.id\b/,
];

const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : files(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });

const findings = [];
for (const dir of roots) {
  for (const file of files(join(root, dir))) {
    const name = relative(root, file);
    if (name === handle) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (patterns.some((p) => p.test(line))) findings.push(`${name}:${i + 1}: ${line.trim()}`);
      });
  }
}
if (findings.length > 0) {
  console.error(
    `Hand-written tenant filters (use forMerchant(db, merchantId).where/byId/joinOn/merchantRow, or sameMerchant in a cross-merchant read):\n${findings.join('\n')}`,
  );
  process.exit(1);
}
console.log(`✔ no hand-written tenant filter outside ${handle}`);

// Adds up every package's vitest JSON report into one closing line: "Tests: N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

// Every workspace runs vitest (the root package.json's list, so a new workspace is never missed).
const packages = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).workspaces;
let passed = 0;
let failed = 0;
let skipped = 0;
for (const pkg of packages) {
  const file = new URL(`../${pkg}/.vitest-result.json`, import.meta.url);
  if (!existsSync(file)) {
    console.error(`No test report from ${pkg}: its tests did not run.`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);

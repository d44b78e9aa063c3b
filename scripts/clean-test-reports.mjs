// Removes stale vitest reports so the summary only counts this run.
import { readFileSync, rmSync } from 'node:fs';

const { workspaces } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
for (const pkg of workspaces) {
  rmSync(new URL(`../${pkg}/.vitest-result.json`, import.meta.url), { force: true });
}

// Removes stale vitest reports so the summary only counts this run.
import { rmSync } from 'node:fs';

for (const pkg of [
  'core',
  'worker',
  'apps/shopify-app',
  'apps/shopify-app/emulator',
  'apps/hubspot-app',
  'apps/hubspot-app/emulator',
  'apps/hubspot-app/project/src/app/cards',
]) {
  rmSync(new URL(`../${pkg}/.vitest-result.json`, import.meta.url), { force: true });
}

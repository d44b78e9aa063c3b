// `npm run bench -- <name> [flags]`: runs one benchmark; each prints a final JSON line.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benches = {
  pipeline: '../worker/dist/bench/pipeline.js',
  redirect: '../apps/shopify-app/dist/bench/redirect.js',
  webhooks: '../apps/shopify-app/dist/bench/webhooks.js',
  'hubspot-sync': '../worker/dist/bench/hubspot-sync.js',
};
const [name, ...rest] = process.argv.slice(2);
if (!name || !(name in benches)) {
  console.error(`Usage: npm run bench -- <${Object.keys(benches).join('|')}> [flags]`);
  process.exit(2);
}
const script = fileURLToPath(new URL(benches[name], import.meta.url));
const run = spawnSync(process.execPath, [script, ...rest], { stdio: 'inherit' });
process.exit(run.status ?? 1);

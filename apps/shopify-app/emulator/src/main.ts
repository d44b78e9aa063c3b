// Runs the emulator on its own: EMULATOR_PORT (default 4100), one shop from EMULATOR_SHOP and
// EMULATOR_ACCESS_TOKEN (defaults for the sandbox).
import { z } from 'zod';
import { startShopifyEmulator } from './server.js';

const env = z
  .object({
    EMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(4100),
    EMULATOR_SHOP: z.string().default('sandbox-shop.myshopify.com'),
    EMULATOR_ACCESS_TOKEN: z.string().min(1).default('shpat_sandbox'),
  })
  .parse(process.env);
const emulator = await startShopifyEmulator({ port: env.EMULATOR_PORT });
emulator.addShop(env.EMULATOR_SHOP, env.EMULATOR_ACCESS_TOKEN);
console.log(`Shopify Admin API emulator at ${emulator.url}${emulator.graphqlPath} for ${env.EMULATOR_SHOP}`);
process.once('SIGTERM', () => void emulator.close().then(() => process.exit(0)));

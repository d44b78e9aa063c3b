// Runs the emulator on its own: HUBSPOT_EMULATOR_PORT (default 4200), one portal
// (HUBSPOT_EMULATOR_PORTAL_ID) and the app's client id and secret; prints an access token for it.
import { z } from 'zod';
import { startHubSpotEmulator } from './server.js';

const env = z
  .object({
    HUBSPOT_EMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(4200),
    HUBSPOT_EMULATOR_PORTAL_ID: z.coerce.number().int().positive().default(1001),
    HUBSPOT_CLIENT_ID: z.string().min(1).default('emulator-client-id'),
    HUBSPOT_CLIENT_SECRET: z.string().min(1).default('emulator-client-secret'),
    HUBSPOT_REDIRECT_URI: z.string().url().default('http://127.0.0.1:3001/oauth/callback'),
  })
  .parse(process.env);
const emulator = await startHubSpotEmulator({
  port: env.HUBSPOT_EMULATOR_PORT,
  clientId: env.HUBSPOT_CLIENT_ID,
  clientSecret: env.HUBSPOT_CLIENT_SECRET,
  redirectUri: env.HUBSPOT_REDIRECT_URI,
});
emulator.addPortal(env.HUBSPOT_EMULATOR_PORTAL_ID);
const tokens = emulator.issueTokens(env.HUBSPOT_EMULATOR_PORTAL_ID);
console.log(`HubSpot API emulator at ${emulator.url} with portal ${env.HUBSPOT_EMULATOR_PORTAL_ID}`);
console.log(`access token (${tokens.expiresIn} s): ${tokens.accessToken}`);
console.log(`refresh token: ${tokens.refreshToken}`);
console.log(
  `install: ${emulator.url}/oauth/authorize?client_id=${env.HUBSPOT_CLIENT_ID}&redirect_uri=${encodeURIComponent(env.HUBSPOT_REDIRECT_URI)}`,
);
process.once('SIGTERM', () => void emulator.close().then(() => process.exit(0)));

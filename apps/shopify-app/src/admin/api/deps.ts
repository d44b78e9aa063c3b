import type { Database } from '@referrals/core';
import type { ThemeSetupReader } from '../../shopify/theme-setup.js';

export type AdminApiDeps = {
  db: Database;
  encryptionKey: Buffer;
  /** The HubSpot app's public URL ("Connect HubSpot" starts there). */
  hubspotAppUrl?: string | undefined;
  /** Reads the published theme for the setup checklist (absent: those steps answer "unknown"). */
  themeSetup?: ThemeSetupReader | undefined;
  /** Where referral links start (the app's URL): `<linkBaseUrl>/r/<code>?shop=<shop>`. */
  linkBaseUrl?: string | undefined;
};

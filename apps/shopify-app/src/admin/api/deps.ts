import type { Database } from '@referrals/core';

export type AdminApiDeps = {
  db: Database;
  encryptionKey: Buffer;
  /** The HubSpot app's public URL ("Connect HubSpot" starts there). */
  hubspotAppUrl?: string | undefined;
};

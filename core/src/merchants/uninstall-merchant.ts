// app/uninstalled: the merchant goes inactive (sweeps and reward issuing skip it) and its token is
// revoked (the platform already invalidated it). Its data stays until the platform's shop
// redaction, so a reinstall within that window picks up where it left off.

import { recordAudit } from '../audit/index.js';
import { markConnectionStatus, type Platform } from '../connections/index.js';
import type { Database } from '../db/client.js';
import { markMerchantUninstalled } from './repository.js';

export async function uninstallMerchant(db: Database, merchantId: string, platform: Platform, at: Date) {
  await markMerchantUninstalled(db, merchantId);
  await markConnectionStatus(db, merchantId, platform, 'revoked');
  await recordAudit(db, {
    merchantId,
    actor: `platform:${platform}`,
    action: 'merchant.uninstalled',
    subjectType: 'merchant',
    subjectId: merchantId,
    after: { at: at.toISOString() },
  });
}

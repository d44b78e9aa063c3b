// A merchant's HubSpot connection: OAuth tokens sealed in platform_connections, refreshed before
// they expire under a per-merchant advisory lock (so two workers never race one refresh token),
// and marked `reconnect_needed` when HubSpot refuses them: syncs then wait instead of failing.
// It is the one place that builds a portal's API client, with the portal's limiter installed.
import {
  type Connection,
  type Database,
  DomainError,
  isUniqueViolation,
  loadConnection,
  lockConnectionRefresh,
  markConnectionStatus,
  saveConnection,
} from '@referrals/core';
import type { Logger } from 'pino';
import {
  type HubSpotConfig,
  httpStatusOf,
  hubspotClient,
  hubspotPortalClient,
  redirectUri,
} from './config.js';
import type { PortalLimiter } from './rate-limit-middleware.js';

/** The connection can't be used until the merchant connects HubSpot again. */
export class ReconnectNeededError extends Error {
  override readonly name = 'ReconnectNeededError';
}

export type HubSpotConnectionsDeps = {
  db: Database;
  config: HubSpotConfig;
  encryptionKey: Buffer;
  logger: Logger;
  /**
   * The per-portal budget shared by every process (PortalRateLimiter): installed as middleware on
   * every client `client()` returns, so each API request is paced exactly once.
   */
  limiter: PortalLimiter;
  /** Refresh when less than this is left (default 5 minutes; HubSpot tokens last 30 minutes). */
  refreshMarginMs?: number;
  now?: () => number;
};

export class HubSpotConnections {
  constructor(private readonly deps: HubSpotConnectionsDeps) {}

  /** OAuth callback: code -> tokens -> the portal id -> sealed connection for this merchant. */
  async connect(merchantId: string, code: string): Promise<{ portalId: string }> {
    const { config } = this.deps;
    const tokens = await hubspotClient(config).oauth.tokensApi.create(
      'authorization_code',
      code,
      redirectUri(config),
      config.clientId,
      config.clientSecret,
    );
    const info = await hubspotClient(config).oauth.accessTokensApi.get(tokens.accessToken);
    const portalId = String(info.hubId);
    try {
      await saveConnection(this.deps.db, this.deps.encryptionKey, {
        merchantId,
        platform: 'hubspot',
        externalAccountId: portalId,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        accessTokenExpiresAt: new Date(this.now() + tokens.expiresIn * 1000),
        scopes: info.scopes.join(' '),
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError(
          'CONFLICT',
          `HubSpot portal ${portalId} is already connected to another store.`,
          { publicMessage: 'This HubSpot account is already connected to another store.' },
        );
      throw error;
    }
    return { portalId };
  }

  /** A valid access token for the merchant's portal, refreshed first if it is about to expire. */
  async accessToken(merchantId: string): Promise<{ token: string; portalId: string }> {
    const connection = await this.load(this.deps.db, merchantId);
    if (!this.isStale(connection))
      return { token: connection.accessToken, portalId: connection.externalAccountId };
    return this.refresh(merchantId);
  }

  /** The merchant's portal client: every request waits for the portal's slot; a 429 pauses it. */
  async client(merchantId: string) {
    const { token, portalId } = await this.accessToken(merchantId);
    return {
      client: hubspotPortalClient(this.deps.config, { accessToken: token, portalId }, this.deps.limiter),
      portalId,
    };
  }

  /** HubSpot refused the token (401/403): the merchant must reconnect; pending syncs wait. */
  async markReconnectNeeded(merchantId: string): Promise<void> {
    await markConnectionStatus(this.deps.db, merchantId, 'hubspot', 'reconnect_needed');
  }

  private async refresh(merchantId: string): Promise<{ token: string; portalId: string }> {
    const refused = await this.deps.db.transaction(async (tx) => {
      await lockConnectionRefresh(tx, merchantId, 'hubspot');
      const current = await this.load(tx, merchantId);
      if (!this.isStale(current)) return { token: current.accessToken, portalId: current.externalAccountId };
      if (!current.refreshToken) return null;
      try {
        const { config } = this.deps;
        const tokens = await hubspotClient(config).oauth.tokensApi.create(
          'refresh_token',
          undefined,
          undefined,
          config.clientId,
          config.clientSecret,
          current.refreshToken,
        );
        await saveConnection(tx, this.deps.encryptionKey, {
          ...current,
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken ?? current.refreshToken,
          accessTokenExpiresAt: new Date(this.now() + tokens.expiresIn * 1000),
        });
        return { token: tokens.accessToken, portalId: current.externalAccountId };
      } catch (error) {
        const status = httpStatusOf(error);
        // 400/401/403: the refresh token was revoked (app uninstalled in HubSpot). Anything else
        // (5xx, network) is HubSpot's trouble: retry later with the same token.
        if (status !== null && status >= 400 && status < 500) return null;
        throw new DomainError('RETRY_LATER', `HubSpot token refresh failed (${status ?? 'network'}).`);
      }
    });
    if (refused) return refused;
    await this.markReconnectNeeded(merchantId);
    this.deps.logger.warn({ merchantId }, 'hubspot refused the refresh token: reconnect needed');
    throw new ReconnectNeededError(`Merchant ${merchantId} must reconnect HubSpot.`);
  }

  private async load(db: Database, merchantId: string): Promise<Connection> {
    const connection = await loadConnection(db, this.deps.encryptionKey, merchantId, 'hubspot');
    if (connection?.status !== 'active')
      throw new ReconnectNeededError(`Merchant ${merchantId} has no active HubSpot connection.`);
    return connection;
  }

  private isStale(connection: Connection): boolean {
    const expiresAt = connection.accessTokenExpiresAt?.getTime();
    return expiresAt !== undefined && expiresAt - this.now() < (this.deps.refreshMarginMs ?? 5 * 60_000);
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }
}

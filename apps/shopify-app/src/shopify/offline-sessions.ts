// Offline (background) access per shop: obtained by token exchange when the merchant opens the
// embedded app, kept encrypted in platform_connections, refreshed before it expires. Expiring
// offline tokens last an hour and rotate their refresh token, so two processes must never refresh
// the same shop at once: a refresh holds a PostgreSQL advisory lock and re-reads under it.
import {
  type Connection,
  type Database,
  DomainError,
  findMerchant,
  installShopMerchant,
  loadConnection,
  lockConnectionRefresh,
  type MerchantRow,
  markConnectionStatus,
  saveConnection,
} from '@referrals/core';
import { RequestedTokenType, Session, type Shopify } from '@shopify/shopify-api';
import type { Logger } from 'pino';

export type OfflineSessionsDeps = {
  db: Database;
  api: Shopify;
  encryptionKey: Buffer;
  logger: Logger;
  /**
   * Set-up work for a freshly installed shop (the web pixel). A failure is logged, never fails
   * the install: the next install of the shop (token exchange) tries again.
   */
  onInstalled?: (merchant: MerchantRow) => Promise<unknown>;
  /** Refresh when the access token has less than this left (default 5 minutes). */
  refreshMarginMs?: number;
  now?: () => number;
};

export class OfflineSessions {
  constructor(private readonly deps: OfflineSessionsDeps) {}

  /** Token exchange for an App Bridge session token: installs (or reinstalls) the shop. */
  async install(shop: string, sessionToken: string): Promise<MerchantRow> {
    const { session } = await this.deps.api.auth.tokenExchange({
      shop,
      sessionToken,
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
      expiring: true,
    });
    const merchant = await installShopMerchant(this.deps.db, { shopDomain: session.shop });
    await this.save(this.deps.db, merchant.id, session);
    this.deps.logger.info({ shop: session.shop, merchantId: merchant.id }, 'shop installed (token exchange)');
    await this.deps.onInstalled?.(merchant).catch((error: unknown) => {
      this.deps.logger.warn({ err: error, shop: session.shop }, 'set-up after install failed');
    });
    return merchant;
  }

  /** A usable offline session for the merchant's shop, refreshed first if it is about to expire. */
  async session(merchantId: string): Promise<Session> {
    const merchant = await findMerchant(this.deps.db, merchantId);
    if (!merchant?.shopDomain) throw new DomainError('NOT_FOUND', `Merchant ${merchantId} has no shop.`);
    if (merchant.status !== 'active')
      throw new DomainError('MERCHANT_INACTIVE', `${merchant.shopDomain} has uninstalled the app.`);
    const connection = await this.load(this.deps.db, merchantId);
    if (!this.isStale(connection)) return this.toSession(merchant.shopDomain, connection);
    return this.refresh(merchant.shopDomain, merchantId);
  }

  async graphql(merchantId: string) {
    return new this.deps.api.clients.Graphql({ session: await this.session(merchantId) });
  }

  private async refresh(shop: string, merchantId: string): Promise<Session> {
    return this.deps.db.transaction(async (tx) => {
      await lockConnectionRefresh(tx, merchantId, 'shopify');
      const current = await this.load(tx, merchantId);
      if (!this.isStale(current)) return this.toSession(shop, current);
      if (!current.refreshToken) {
        await markConnectionStatus(tx, merchantId, 'shopify', 'reconnect_needed');
        throw new DomainError(
          'RETRY_LATER',
          `${shop}: the access token expired and there is no refresh token.`,
        );
      }
      try {
        const { session } = await this.deps.api.auth.refreshToken({
          shop,
          refreshToken: current.refreshToken,
        });
        await this.save(tx, merchantId, session);
        this.deps.logger.info({ shop }, 'shopify access token refreshed');
        return session;
      } catch (error) {
        // A refused refresh needs the merchant to open the app again (a new token exchange);
        // work for this shop waits instead of failing for good.
        this.deps.logger.warn({ shop, err: error }, 'shopify token refresh refused: reconnect needed');
        await this.deps.db
          .transaction((t) => markConnectionStatus(t, merchantId, 'shopify', 'reconnect_needed'))
          .catch(() => {});
        throw new DomainError('RETRY_LATER', `${shop}: the token refresh was refused; reconnect needed.`);
      }
    });
  }

  private isStale(connection: Connection): boolean {
    const expiresAt = connection.accessTokenExpiresAt?.getTime();
    if (expiresAt === undefined) return false;
    return expiresAt - (this.deps.now?.() ?? Date.now()) < (this.deps.refreshMarginMs ?? 5 * 60_000);
  }

  private async load(db: Database, merchantId: string): Promise<Connection> {
    const connection = await loadConnection(db, this.deps.encryptionKey, merchantId, 'shopify');
    if (!connection || connection.status === 'revoked')
      throw new DomainError('RETRY_LATER', `Merchant ${merchantId} has no Shopify connection.`);
    return connection;
  }

  private async save(db: Database, merchantId: string, session: Session): Promise<void> {
    if (!session.accessToken) throw new Error(`Token exchange for ${session.shop} returned no access token`);
    await saveConnection(db, this.deps.encryptionKey, {
      merchantId,
      platform: 'shopify',
      externalAccountId: session.shop,
      accessToken: session.accessToken,
      refreshToken: session.refreshToken ?? null,
      accessTokenExpiresAt: session.expires ?? null,
      scopes: session.scope ?? '',
    });
  }

  private toSession(shop: string, connection: Connection): Session {
    return new Session({
      id: this.deps.api.session.getOfflineId(shop),
      shop,
      state: '',
      isOnline: false,
      accessToken: connection.accessToken,
      scope: connection.scopes ?? '',
      ...(connection.accessTokenExpiresAt ? { expires: connection.accessTokenExpiresAt } : {}),
    });
  }
}

// Access and refresh tokens the emulator has issued, per shop. Refresh tokens rotate the way
// Shopify documents (changelog "More resilient refreshes for expiring offline access tokens",
// 2026-08-28): a used refresh token may be retried, to recover a lost response, until its
// replacement is used, for at most 30 days from its first use and never past its own expiry.
import { randomBytes } from 'node:crypto';

export const REFRESH_RETRY_WINDOW_MS = 30 * 24 * 3600 * 1000;

type AccessToken = { shop: string; expiresAt: number | null };
type RefreshToken = {
  shop: string;
  expiresAt: number;
  firstUsedAt: number | null;
  /** The refresh token this one replaced; it is retired when this one is first used. */
  parent: string | null;
  retired: boolean;
};

export type ExpiringPair = {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshTokenExpiresIn: number;
};

export type RefreshOutcome = { ok: true; shop: string; pair: ExpiringPair } | { ok: false; reason: string };

export type TokenLifetimes = { accessTokenTtlSeconds: number; refreshTokenTtlSeconds: number };

const randomToken = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

export class TokenStore {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();

  constructor(
    private readonly lifetimes: TokenLifetimes,
    private readonly now: () => number,
  ) {}

  /** A token chosen by the caller (addShop) that never expires. */
  addNonExpiring(shop: string, token: string): void {
    this.access.set(token, { shop, expiresAt: null });
  }

  /** Shopify documents that authorizing again returns the same non-expiring offline token. */
  issueNonExpiring(shop: string): string {
    for (const [existing, record] of this.access) {
      if (record.shop === shop && record.expiresAt === null) return existing;
    }
    const token = randomToken('shpat_');
    this.addNonExpiring(shop, token);
    return token;
  }

  issueExpiring(shop: string, parent: string | null = null): ExpiringPair {
    const { accessTokenTtlSeconds, refreshTokenTtlSeconds } = this.lifetimes;
    const accessToken = randomToken('shpat_');
    const refreshToken = randomToken('shprt_');
    const now = this.now();
    this.access.set(accessToken, { shop, expiresAt: now + accessTokenTtlSeconds * 1000 });
    this.refresh.set(refreshToken, {
      shop,
      expiresAt: now + refreshTokenTtlSeconds * 1000,
      firstUsedAt: null,
      parent,
      retired: false,
    });
    return {
      accessToken,
      expiresIn: accessTokenTtlSeconds,
      refreshToken,
      refreshTokenExpiresIn: refreshTokenTtlSeconds,
    };
  }

  /** The shop a live access token belongs to; null when unknown, revoked or expired. */
  shopOf(accessToken: string): string | null {
    const record = this.access.get(accessToken);
    if (!record) return null;
    if (record.expiresAt !== null && this.now() >= record.expiresAt) return null;
    return record.shop;
  }

  /** The shop of a live non-expiring token (the only kind that can migrate to expiring tokens). */
  nonExpiringShopOf(accessToken: string): string | null {
    return this.access.get(accessToken)?.expiresAt === null ? this.shopOf(accessToken) : null;
  }

  revokeAccess(accessToken: string): void {
    this.access.delete(accessToken);
  }

  useRefreshToken(token: string): RefreshOutcome {
    const record = this.refresh.get(token);
    const now = this.now();
    if (!record || record.retired) return { ok: false, reason: 'Token has been expired or revoked.' };
    if (now >= record.expiresAt) return { ok: false, reason: 'Token has been expired or revoked.' };
    if (record.firstUsedAt !== null && now >= record.firstUsedAt + REFRESH_RETRY_WINDOW_MS) {
      return { ok: false, reason: 'Token has been expired or revoked.' };
    }
    record.firstUsedAt ??= now;
    if (record.parent) {
      const parent = this.refresh.get(record.parent);
      if (parent) parent.retired = true;
    }
    return { ok: true, shop: record.shop, pair: this.issueExpiring(record.shop, token) };
  }

  /** Uninstall: every access and refresh token of the shop stops working. */
  revokeShop(shop: string): void {
    for (const [token, record] of this.access) if (record.shop === shop) this.access.delete(token);
    for (const [token, record] of this.refresh) if (record.shop === shop) this.refresh.delete(token);
  }
}

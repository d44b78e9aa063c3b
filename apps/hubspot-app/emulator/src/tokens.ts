// OAuth codes and tokens the emulator has issued. As with HubSpot's v1 token endpoint, a refresh
// keeps the same refresh token and mints a new access token; refresh tokens live until revoked
// (DELETE /oauth/v1/refresh-tokens/:token or uninstall); revoking one leaves the access tokens
// already minted from it working until they expire, as HubSpot documents.
import { randomBytes, randomUUID } from 'node:crypto';

/** An emulator choice: HubSpot does not document how long an authorization code lives. */
export const AUTH_CODE_TTL_MS = 10 * 60 * 1000;

export type Grant = { portalId: number; scopes: string[] };
export type TokenPair = { accessToken: string; refreshToken: string; expiresIn: number };

type Code = Grant & { redirectUri: string; expiresAt: number; used: boolean };
type Access = Grant & { expiresAt: number; revoked: boolean; refreshToken: string };
type Refresh = Grant & { revoked: boolean };

export type AccessLookup =
  | { ok: true; grant: Grant; expiresAt: number }
  | { ok: false; reason: 'unknown' | 'revoked' }
  | { ok: false; reason: 'expired'; expiredAt: number };

export type Redemption =
  | { ok: true; pair: TokenPair; grant: Grant }
  | { ok: false; status: string; message: string };

export class OAuthTokens {
  private readonly codes = new Map<string, Code>();
  private readonly access = new Map<string, Access>();
  private readonly refresh = new Map<string, Refresh>();

  constructor(
    private readonly accessTokenTtlSeconds: number,
    private readonly now: () => number,
  ) {}

  mintCode(grant: Grant, redirectUri: string): string {
    const code = randomUUID();
    this.codes.set(code, { ...grant, redirectUri, expiresAt: this.now() + AUTH_CODE_TTL_MS, used: false });
    return code;
  }

  /** Codes are single use and bound to the redirect URI they were issued for. */
  redeemCode(code: string, redirectUri: string): Redemption {
    const record = this.codes.get(code);
    if (!record || record.used || this.now() >= record.expiresAt) {
      return { ok: false, status: 'BAD_AUTH_CODE', message: 'missing or unknown auth code' };
    }
    if (record.redirectUri !== redirectUri) {
      return {
        ok: false,
        status: 'BAD_REDIRECT_URI',
        message: 'redirect_uri does not match initial redirect uri',
      };
    }
    record.used = true;
    const grant = { portalId: record.portalId, scopes: record.scopes };
    return { ok: true, grant, pair: this.issue(grant) };
  }

  /** A new access token; a new refresh token unless one is given (a refresh keeps its own). */
  issue(grant: Grant, refreshToken?: string): TokenPair {
    const refresh = refreshToken ?? `na1-${randomUUID()}`;
    if (!refreshToken) this.refresh.set(refresh, { ...grant, revoked: false });
    const accessToken = `emu-at-${randomBytes(32).toString('base64url')}`;
    this.access.set(accessToken, {
      ...grant,
      expiresAt: this.now() + this.accessTokenTtlSeconds * 1000,
      revoked: false,
      refreshToken: refresh,
    });
    return { accessToken, refreshToken: refresh, expiresIn: this.accessTokenTtlSeconds };
  }

  useRefreshToken(token: string): Redemption {
    const record = this.refresh.get(token);
    if (!record || record.revoked) {
      return { ok: false, status: 'BAD_REFRESH_TOKEN', message: 'missing or invalid refresh token' };
    }
    const grant = { portalId: record.portalId, scopes: record.scopes };
    return { ok: true, grant, pair: this.issue(grant, token) };
  }

  lookup(accessToken: string): AccessLookup {
    const record = this.access.get(accessToken);
    if (!record) return { ok: false, reason: 'unknown' };
    if (record.revoked) return { ok: false, reason: 'revoked' };
    if (this.now() >= record.expiresAt) return { ok: false, reason: 'expired', expiredAt: record.expiresAt };
    return {
      ok: true,
      grant: { portalId: record.portalId, scopes: record.scopes },
      expiresAt: record.expiresAt,
    };
  }

  refreshTokenInfo(token: string): Grant | undefined {
    const record = this.refresh.get(token);
    return record && !record.revoked ? { portalId: record.portalId, scopes: record.scopes } : undefined;
  }

  revokeRefreshToken(token: string): boolean {
    const record = this.refresh.get(token);
    if (!record || record.revoked) return false;
    record.revoked = true;
    return true;
  }

  /** Every live refresh token of the portal; returns how many were revoked. */
  revokePortalRefreshTokens(portalId: number): number {
    let count = 0;
    for (const [token, record] of this.refresh) {
      if (record.portalId === portalId && this.revokeRefreshToken(token)) count += 1;
    }
    return count;
  }

  /** Uninstall: every access and refresh token of the portal stops working at once. */
  revokePortal(portalId: number): void {
    this.revokePortalRefreshTokens(portalId);
    for (const record of this.access.values()) if (record.portalId === portalId) record.revoked = true;
  }
}

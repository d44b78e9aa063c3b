// The session token a checkout or customer account UI extension sends (`shopify.sessionToken.get()`):
// an HS256 JWT signed with the app secret, `aud` = our client id, `dest` = the shop, `sub` = the
// customer's GID only when the buyer is logged in (absent for guests). Signature, audience and time
// window are checked by @shopify/shopify-api, the same verification the embedded admin uses.
import type { Shopify } from '@shopify/shopify-api';

/** Who an extension request speaks for; `customerId` is the numeric Shopify id, null for a guest. */
export type ExtensionCaller = { shop: string; customerId: string | null };

export type VerifyExtensionToken = (authorization: string | undefined) => Promise<ExtensionCaller | null>;

const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/([0-9]{1,20})$/;

export function extensionTokenVerifier(api: Pick<Shopify, 'session' | 'utils'>): VerifyExtensionToken {
  return async (authorization) => {
    const match = /^Bearer ([A-Za-z0-9._-]{1,4096})$/.exec(authorization ?? '');
    if (!match?.[1]) return null;
    let payload: Awaited<ReturnType<Shopify['session']['decodeSessionToken']>>;
    try {
      payload = await api.session.decodeSessionToken(match[1]);
    } catch {
      return null;
    }
    // Admin tokens carry `https://shop`, extension tokens may carry the bare domain: accept both.
    const dest = typeof payload.dest === 'string' ? payload.dest : '';
    let host: string;
    try {
      host = new URL(dest.includes('://') ? dest : `https://${dest}`).hostname;
    } catch {
      return null;
    }
    const shop = api.utils.sanitizeShop(host);
    if (!shop) return null;
    // A `sub` that is not a customer GID (an admin token's staff id) names no customer.
    const customer = typeof payload.sub === 'string' ? CUSTOMER_GID.exec(payload.sub) : null;
    return { shop, customerId: customer?.[1] ?? null };
  };
}

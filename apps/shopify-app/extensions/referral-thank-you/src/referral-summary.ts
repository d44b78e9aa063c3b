// The referral summary the app's /extensions/referrals API returns, and the two calls that get
// it: read it, or enrol and get it back. Shared by the thank-you/order-status block and the
// customer account extension (../../referral-account). No framework, no Shopify globals: the
// caller passes the session token and fetch, so the logic is unit-tested in plain Node.
// The shape mirrors src/extension-api/contract.ts (its tests parse this module's fixtures with it).

export type Offer = {
  headline: string;
  friend: string | null;
  advocate: string | null;
  /** Addressed to the friend: "15% off your first order". */
  gift: string | null;
};

export type ReferralSummary =
  | {
      state: 'advocate';
      offer: Offer;
      link: string | null;
      code: string | null;
      referrals: { friend: string; status: string; date: string }[];
      rewards: { description: string; status: string; date: string }[];
      totals: { earned: string; pending: string }[];
    }
  | { state: 'not_enrolled'; offer: Offer }
  | { state: 'guest'; offer: Offer; joinUrl: string }
  | { state: 'no_program' };

/** What a failed call tells the buyer; the extension shows `message` and, when retryable, a retry. */
export type SummaryError = { message: string; retry: boolean };

export type ApiClient = {
  appUrl: string;
  /** `shopify.sessionToken.get()`: a fresh or cached token, never stored by us. */
  sessionToken: () => Promise<string>;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
};

const STATES = new Set(['advocate', 'not_enrolled', 'guest', 'no_program']);

async function call(
  client: ApiClient,
  path: string,
  init: RequestInit,
): Promise<ReferralSummary | SummaryError> {
  let res: Response;
  try {
    const token = await client.sessionToken();
    res = await client.fetch(`${client.appUrl.replace(/\/+$/, '')}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` },
    });
  } catch {
    return {
      message: 'We could not reach the referral programme. Check your connection and try again.',
      retry: true,
    };
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok && body && typeof body === 'object' && STATES.has((body as { state?: string }).state ?? '')) {
    return body as ReferralSummary;
  }
  if (res.status === 403) return { message: 'Log in to your account to join.', retry: false };
  return {
    message: 'Your referral link is not available right now.',
    retry: res.status >= 500 || res.status === 401,
  };
}

export const isSummaryError = (value: ReferralSummary | SummaryError): value is SummaryError =>
  !('state' in value);

/** GET /extensions/referrals: the buyer's link and history, or the offer to join. */
export const loadSummary = (client: ApiClient) => call(client, '/extensions/referrals', { method: 'GET' });

/** POST /extensions/referrals/enroll, only once the buyer has ticked the consent box. */
export const enroll = (client: ApiClient) =>
  call(client, '/extensions/referrals/enroll', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ consent: true }),
  });

export type ShareTarget = { label: string; href: string };

/**
 * The share buttons: each opens the app or site with the message ready. The message states the
 * friend's offer and discloses that the advocate earns a reward (incentivised endorsement).
 */
export function shareTargets(link: string, offer: Offer): ShareTarget[] {
  const intro = offer.gift ? `Here is ${offer.gift} with my link` : 'Have a look at this shop';
  const message = `${intro}: ${link} (I get a reward if you order.)`;
  const text = encodeURIComponent(message);
  return [
    { label: 'WhatsApp', href: `https://wa.me/?text=${text}` },
    { label: 'Text message', href: `sms:?&body=${text}` },
    { label: 'Email', href: `mailto:?subject=${encodeURIComponent('A gift for you')}&body=${text}` },
    { label: 'X', href: `https://x.com/intent/post?text=${text}` },
    { label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(link)}` },
  ];
}

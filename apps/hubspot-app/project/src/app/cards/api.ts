// The card's only way to our backend. `hubspot.fetch` is passed in as `fetcher`, so unit tests can
// answer at the HTTP edge (the testing module has no hubspot.fetch mock).
import { type CardPayload, parseCardPayload } from './card-payload';

export { CardPayloadError, parseCardPayload } from './card-payload';

/** Must stay under an origin listed in app-hsmeta.json `permittedUrls.fetch`. */
export const CARD_ENDPOINT = 'https://referrals.example.com/hubspot/card';

/** Below HubSpot's own 15 s limit, so our error state shows rather than the platform's. */
export const CARD_TIMEOUT_MS = 10_000;

/** The part of `hubspot.fetch`'s signature the card uses; `hubspot.fetch` itself is assignable. */
export type CardFetcher = (url: string, options: { method: 'GET'; timeout: number }) => Promise<Response>;

export type CardRequestContext = {
  portalId: number;
  contactId: number | string;
  /** The contact's email, or null when they have none (the backend then matches on contactId). */
  email: string | null;
};

/** The backend answered, but not with 2xx. */
export class CardHttpError extends Error {
  constructor(readonly status: number) {
    super(`The referrals service answered ${status}`);
    this.name = 'CardHttpError';
  }
}

export function buildCardUrl({ portalId, contactId, email }: CardRequestContext): string {
  const params = new URLSearchParams({ portalId: String(portalId), contactId: String(contactId) });
  const trimmed = email?.trim();
  if (trimmed) params.set('email', trimmed);
  return `${CARD_ENDPOINT}?${params.toString()}`;
}

/**
 * Loads the contact's referral facts. Rejects with `CardHttpError` on a non-2xx answer, with
 * `CardPayloadError` when the body breaks the contract, and with the fetcher's own error when the
 * request fails or times out.
 */
export async function fetchContactReferrals(
  fetcher: CardFetcher,
  context: CardRequestContext,
): Promise<CardPayload> {
  const response = await fetcher(buildCardUrl(context), { method: 'GET', timeout: CARD_TIMEOUT_MS });
  if (!response.ok) throw new CardHttpError(response.status);
  return parseCardPayload(await response.json());
}

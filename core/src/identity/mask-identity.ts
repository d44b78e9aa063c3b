// How the other identities a fraud check compares appear in a reason an admin reads: enough to
// tell two matches apart, never the whole value. Pure formatting, like `maskEmail`.

const ELLIPSIS = '…';

/** The first `keep` characters, then an ellipsis: `1f3a9c…`. Short values keep half, at most. */
const prefix = (value: string, keep: number): string => {
  const trimmed = value.trim();
  if (trimmed === '') return '***';
  return `${trimmed.slice(0, Math.min(keep, Math.floor(trimmed.length / 2)))}${ELLIPSIS}`;
};

/** A platform customer id shows its last four characters: `***4567`. */
export function maskCustomerId(id: string): string {
  const trimmed = id.trim();
  return trimmed.length > 4 ? `***${trimmed.slice(-4)}` : '***';
}

/**
 * A normalised address key (`street|city|zip|country`, see `normalizeAddress`) shows its city, the
 * start of its postal code and its country, never the street: `springfield, 123**, US`.
 */
export function maskAddressKey(key: string): string {
  const [, city = '', zip = '', country = ''] = key.split('|');
  const keep = Math.min(3, Math.ceil(zip.length / 2));
  const parts = [
    city,
    zip === '' ? '' : `${zip.slice(0, keep)}${'*'.repeat(zip.length - keep)}`,
    country.toUpperCase(),
  ].filter((part) => part !== '');
  return parts.length > 0 ? parts.join(', ') : 'street only';
}

/** An IP address is only ever kept as a salted hash: its first six characters tell two apart. */
export const maskIpHash = (ipHash: string): string => prefix(ipHash, 6);

/** A visitor id (the browser's referral cookie) shows its first four characters: `1f3a…`. */
export const maskVisitorId = (visitorId: string): string => prefix(visitorId, 4);

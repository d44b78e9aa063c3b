// Display helpers for the card: money from minor units, dates in the portal's time zone, and the
// words and tag colours for sources and statuses.
import type { ReferralSource, ReferralStatus } from './card-payload';

/** How the viewer reads dates and money: their locale and the portal's time zone. */
export type DisplayFormat = { locale: string; timeZone: string };

/** The user's locale when Intl knows it, else en-US (a malformed tag would make Intl throw). */
export function pickLocale(locale: string | undefined): string {
  try {
    return Intl.getCanonicalLocales(locale ?? [])[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

/**
 * Formats an amount in minor units. The currency's exponent comes from Intl (2 for EUR, 0 for JPY,
 * 3 for KWD), so 1999 EUR cents is "€19.99" and 500 JPY is "¥500".
 */
export function formatMinor(minor: number, currency: string, locale = 'en-US'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const exponent = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** exponent);
}

/** "May 1, 2026" in the portal's time zone; the raw string if it is not a date. */
export function formatDate(iso: string, timeZone: string, locale = 'en-US'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(date);
  } catch {
    // An unknown time zone must not blank the card.
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
  }
}

export const sourceLabels: Record<ReferralSource, string> = {
  link: 'Referral link',
  code: 'Referral code',
  discount: "Friend's offer code",
  email: 'Email invitation',
  deal: 'HubSpot deal',
};

export type TagVariant = 'default' | 'warning' | 'success' | 'error' | 'info';

export const statusTags: Record<ReferralStatus, { label: string; variant: TagVariant }> = {
  pending: { label: 'Pending', variant: 'default' },
  qualified: { label: 'Qualified', variant: 'info' },
  review: { label: 'In review', variant: 'warning' },
  approved: { label: 'Approved', variant: 'info' },
  rewarded: { label: 'Rewarded', variant: 'success' },
  rejected: { label: 'Rejected', variant: 'error' },
  reversed: { label: 'Reversed', variant: 'error' },
};

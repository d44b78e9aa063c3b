// How an advocate reads in the admin: a name rather than an id, their status as a badge, dates,
// and the balance in words ("Owes $3.00" when a claw-back fell short).
import { Badge } from '@shopify/polaris';
import { formatMoney } from '../../components/money.js';

type Person = { firstName: string | null; email: string | null; redacted: boolean };

/** The first name, else the email, else a plain word for a customer who asked to be forgotten. */
export function advocateName(person: Person): string {
  if (person.redacted) return 'Redacted customer';
  return person.firstName?.trim() || person.email || 'Unnamed customer';
}

export function AdvocateStatusBadge({ status }: { status: 'active' | 'suspended' }) {
  return status === 'active' ? (
    <Badge tone="success">Active</Badge>
  ) : (
    <Badge tone="critical">Suspended</Badge>
  );
}

export function formatDate(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(iso),
  );
}

/** A signed balance: what the shop has coming for the advocate, or what they owe back. */
export function describeBalance(balanceMinor: number, currency: string, locale?: string): string {
  if (balanceMinor < 0) return `Owes ${formatMoney(-balanceMinor, currency, locale)}`;
  return formatMoney(balanceMinor, currency, locale);
}

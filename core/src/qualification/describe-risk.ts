// The evidence behind each risk finding on a referral, for a reviewer: which email, address, IP or
// browser matched the advocate, and on which of the advocate's own orders. Findings store only the
// rule, its score and its reason; the evidence is read again from the orders they were judged on.
// IP addresses are only ever stored hashed, so the evidence says where the same IP was seen, never
// the address itself.
import type { MerchantScope } from '../db/merchant-scope.js';
import type { referrals } from '../db/schema/index.js';
import type { OrderSignals } from '../orders/index.js';
import { findAdvocateProfile, findOrderWithEmail, listCustomerOrders } from './repository.js';

type ReferralRow = typeof referrals.$inferSelect;

export type RiskEvidence = { label: string; value: string };
export type DescribedFinding = { rule: string; score: number; reason: string; evidence: RiskEvidence[] };

type StoredFinding = { rule: string; score: number; reason: string };

/** The findings stored on a referral, whatever shape an older row has. */
export function storedFindings(raw: unknown): StoredFinding[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((f) =>
    f && typeof f === 'object' && typeof (f as StoredFinding).rule === 'string'
      ? [
          {
            rule: (f as StoredFinding).rule,
            score: Number((f as StoredFinding).score) || 0,
            reason: String((f as StoredFinding).reason ?? ''),
          },
        ]
      : [],
  );
}

/** '12 oak st apt 4|springfield|12345|us' -> '12 oak st apt 4, springfield, 12345, US'. */
export function readableAddress(key: string): string {
  const parts = key.split('|');
  const country = parts.length > 1 ? parts.pop()!.toUpperCase() : null;
  return [...parts.filter(Boolean), ...(country ? [country] : [])].join(', ');
}

const orderList = (ids: string[]) =>
  ids.length > 0 ? ids.map((id) => `#${id}`).join(', ') : 'none of the orders on record now';

export async function describeRiskFindings(
  m: MerchantScope,
  referral: Pick<ReferralRow, 'advocateId' | 'orderId' | 'riskFindings'>,
): Promise<DescribedFinding[]> {
  const findings = storedFindings(referral.riskFindings);
  if (findings.length === 0) return [];
  const friendOrder = await findOrderWithEmail(m, referral.orderId);
  const advocate = await findAdvocateProfile(m, referral.advocateId);
  const own = advocate
    ? (await listCustomerOrders(m, advocate.customerId)).filter((o) => o.id !== referral.orderId)
    : [];
  const signals = (friendOrder?.order.signals ?? {}) as Partial<OrderSignals>;
  const friendEmail = friendOrder?.customerEmail ?? friendOrder?.order.emailNormalized ?? null;
  const advocateEmail = advocate?.email ?? advocate?.emailNormalized ?? null;
  const ordersWith = (key: 'addressKey' | 'ipHash' | 'visitorId', value: string | null | undefined) =>
    value
      ? own.filter((o) => (o.signals as Partial<OrderSignals>)[key] === value).map((o) => o.platformOrderId)
      : [];

  const evidenceOf = (rule: string): RiskEvidence[] => {
    switch (rule) {
      case 'self_customer':
        return [{ label: 'Customer account', value: advocateEmail ?? "The advocate's own account" }];
      case 'self_email':
        return [
          { label: "Friend's email", value: friendEmail ?? 'Not recorded' },
          { label: "Advocate's email", value: advocateEmail ?? 'Not recorded' },
        ];
      case 'self_address':
        return [
          {
            label: 'Shipping address',
            value: signals.addressKey ? readableAddress(signals.addressKey) : 'Not recorded',
          },
          {
            label: "Same address on the advocate's orders",
            value: orderList(ordersWith('addressKey', signals.addressKey)),
          },
        ];
      case 'self_ip':
        return [
          {
            label: 'IP address',
            value: 'Kept only as a one-way fingerprint, so the address itself cannot be shown',
          },
          {
            label: "Same IP on the advocate's orders",
            value: orderList(ordersWith('ipHash', signals.ipHash)),
          },
        ];
      case 'self_visitor':
        return [
          { label: 'Browser (visitor id)', value: signals.visitorId ?? 'Not recorded' },
          {
            label: "Same browser on the advocate's orders",
            value: orderList(ordersWith('visitorId', signals.visitorId)),
          },
        ];
      case 'disposable_email':
        return [
          { label: "Friend's email", value: friendEmail ?? 'Not recorded' },
          {
            label: 'Email provider',
            value: friendOrder?.order.emailNormalized?.split('@')[1] ?? 'Unknown',
          },
        ];
      default:
        return [];
    }
  };
  return findings.map((f) => ({ ...f, evidence: evidenceOf(f.rule) }));
}

// The enrolment form carries a token bound to the shop and the logged-in customer, so another site
// cannot post a forged "I consent" on a customer's behalf (cross-site request forgery). Stateless:
// `<issued-at seconds>.<hex HMAC>` under a key derived from the API secret for this purpose only.
import { createHmac, timingSafeEqual } from 'node:crypto';

const MAX_AGE_SECONDS = 24 * 3600;

const keyFor = (apiSecret: string) =>
  createHmac('sha256', apiSecret).update('referrals/proxy/enroll-token').digest();

const mac = (apiSecret: string, merchantId: string, customerId: string, issuedAt: number) =>
  createHmac('sha256', keyFor(apiSecret)).update(`${merchantId}\n${customerId}\n${issuedAt}`).digest();

export type EnrollTokenSubject = { apiSecret: string; merchantId: string; customerId: string; nowMs: number };

export function issueEnrollToken(s: EnrollTokenSubject): string {
  const issuedAt = Math.floor(s.nowMs / 1000);
  return `${issuedAt}.${mac(s.apiSecret, s.merchantId, s.customerId, issuedAt).toString('hex')}`;
}

/** True for a token issued to this customer of this shop within the last day. */
export function checkEnrollToken(token: string, s: EnrollTokenSubject): boolean {
  const match = /^(\d{1,12})\.([0-9a-f]{64})$/.exec(token);
  if (!match) return false;
  const issuedAt = Number(match[1]);
  const age = Math.floor(s.nowMs / 1000) - issuedAt;
  if (age < -60 || age > MAX_AGE_SECONDS) return false;
  return timingSafeEqual(
    Buffer.from(match[2]!, 'hex'),
    mac(s.apiSecret, s.merchantId, s.customerId, issuedAt),
  );
}

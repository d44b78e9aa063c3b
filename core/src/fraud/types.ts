export const fraudRuleTypes = [
  'self_customer',
  'self_email',
  'self_address',
  'self_ip',
  'self_visitor',
  'disposable_email',
  'velocity',
] as const;
export type FraudRuleType = (typeof fraudRuleTypes)[number];

/**
 * Everything a fraud rule may look at, as plain data loaded by the use case. Identity values are
 * already normalized (`normalizeEmail`, `normalizeAddress`) and IPs are hashed before they get here.
 */
export type FraudContext = {
  advocate: {
    customerId: string | null;
    /** The platform's id for the advocate's customer (what a merchant can look up), if known. */
    platformCustomerId: string | null;
    emailNormalized: string | null;
    addressKeys: string[];
    ipHashes: string[];
    visitorIds: string[];
  };
  friend: {
    customerId: string | null;
    emailNormalized: string | null;
    emailDomain: string | null;
    addressKey: string | null;
    ipHash: string | null;
    visitorId: string | null;
  };
  /** The advocate's referrals in the trailing hour and day, counting the one being evaluated. */
  velocity: { referralsLastHour: number; referralsLastDay: number };
};

/**
 * One rule that fired: `score` (0-100) adds to the referral's risk; `reason` is shown to admins and
 * names what matched, masked (`maskEmail`, `maskAddressKey`, ...): never a whole identity.
 */
export type FraudFinding = { rule: FraudRuleType; score: number; reason: string };

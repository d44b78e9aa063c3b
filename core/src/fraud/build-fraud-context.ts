import type { FraudContext } from './types.js';

type Overrides = {
  advocate?: Partial<FraudContext['advocate']>;
  friend?: Partial<FraudContext['friend']>;
  velocity?: Partial<FraudContext['velocity']>;
};

/** Test builder: an advocate and a friend who share nothing, with quiet velocity. */
export function buildFraudContext(overrides: Overrides = {}): FraudContext {
  return {
    advocate: {
      customerId: 'cust_advocate',
      platformCustomerId: '7012345678',
      emailNormalized: 'ada@example.com',
      addressKeys: ['1 main st|springfield|12345|us'],
      ipHashes: ['ip_advocate'],
      visitorIds: ['visitor_advocate'],
      ...overrides.advocate,
    },
    friend: {
      customerId: 'cust_friend',
      emailNormalized: 'fred@example.org',
      emailDomain: 'example.org',
      addressKey: '9 elm st|shelbyville|54321|us',
      ipHash: 'ip_friend',
      visitorId: 'visitor_friend',
      ...overrides.friend,
    },
    velocity: { referralsLastHour: 1, referralsLastDay: 1, ...overrides.velocity },
  };
}

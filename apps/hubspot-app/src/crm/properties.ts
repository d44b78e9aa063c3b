// The `referrals` property group and the contact properties the sync writes, created idempotently
// when a portal connects: a name that exists already (409, or a 207 error for that input) counts
// as done, and every definition is read back so a property someone made with another type is
// reported instead of silently breaking writes.
import type { Client } from '@hubspot/api-client';
import {
  type CrmContactProperty,
  crmContactProperties,
  crmReferralSources,
  crmReferralStatuses,
} from '@referrals/core';
import type { Logger } from 'pino';
import { describeHubSpotError, sanitizeHubSpotError } from './hubspot-errors.js';

type PropertyCreate = Parameters<Client['crm']['properties']['batchApi']['create']>[1]['inputs'][number];

export const REFERRAL_GROUP = { name: 'referrals', label: 'Referrals', displayOrder: -1 } as const;

export type ReferralProperty = {
  name: CrmContactProperty;
  label: string;
  type: 'string' | 'number' | 'datetime' | 'enumeration';
  fieldType: 'text' | 'number' | 'date' | 'select';
  description: string;
  options?: readonly string[];
};

const option = (value: string, displayOrder: number) => ({
  value,
  label: value.charAt(0).toUpperCase() + value.slice(1),
  displayOrder,
  hidden: false,
});

// A Record, so a property core adds is a compile error here until it is defined.
const DEFINITIONS: Record<CrmContactProperty, Omit<ReferralProperty, 'name'>> = {
  referral_code: {
    label: 'Referral code',
    type: 'string',
    fieldType: 'text',
    description: 'The code this advocate shares.',
  },
  referral_link: {
    label: 'Referral link',
    type: 'string',
    fieldType: 'text',
    description: "The advocate's referral link.",
  },
  referred_by: {
    label: 'Referred by',
    type: 'string',
    fieldType: 'text',
    description: 'Email of the advocate who referred this contact.',
  },
  referral_source: {
    label: 'Referral source',
    type: 'enumeration',
    fieldType: 'select',
    description: 'How this contact was referred.',
    options: crmReferralSources,
  },
  referral_status: {
    label: 'Referral status',
    type: 'enumeration',
    fieldType: 'select',
    description: "This contact's latest referral status, or advocate.",
    options: crmReferralStatuses,
  },
  advocate_score: {
    label: 'Advocate score',
    type: 'number',
    fieldType: 'number',
    description: 'Advocate score, 0-100.',
  },
  successful_referrals: {
    label: 'Successful referrals',
    type: 'number',
    fieldType: 'number',
    description: 'Referrals that converted.',
  },
  referral_revenue: {
    label: 'Referral revenue',
    type: 'number',
    fieldType: 'number',
    description: 'Revenue from referred orders.',
  },
  rewards_earned: {
    label: 'Rewards earned',
    type: 'number',
    fieldType: 'number',
    description: 'Rewards issued to this advocate, less claw-backs.',
  },
  last_referral_at: {
    label: 'Last referral at',
    type: 'datetime',
    fieldType: 'date',
    description: 'When this advocate last referred someone.',
  },
};

export const REFERRAL_PROPERTIES: readonly ReferralProperty[] = crmContactProperties.map((name) => ({
  name,
  ...DEFINITIONS[name],
}));

export type PropertyMismatch = { name: string; expected: string; actual: string };

export type EnsurePropertiesResult = {
  created: string[];
  existing: string[];
  /** Properties that exist with another type, fieldType or without some options: writes may fail. */
  mismatched: PropertyMismatch[];
};

export type EnsurePropertiesOptions = {
  logger?: Logger;
};

const toCreate = (p: ReferralProperty): PropertyCreate => ({
  name: p.name,
  label: p.label,
  type: p.type as PropertyCreate['type'],
  fieldType: p.fieldType as PropertyCreate['fieldType'],
  groupName: REFERRAL_GROUP.name,
  description: p.description,
  ...(p.options ? { options: p.options.map(option) } : {}),
});

const alreadyExists = (error: unknown) => {
  const info = describeHubSpotError(error);
  return info.status === 409 || info.category === 'OBJECT_ALREADY_EXISTS';
};

/**
 * Creates what is missing and checks every definition; throws on anything but "already exists".
 * The client paces its own requests (the portal's limiter is its middleware).
 */
export async function ensureReferralProperties(
  client: Client,
  options: EnsurePropertiesOptions = {},
): Promise<EnsurePropertiesResult> {
  const request = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      // The client's own message embeds the response headers: it never leaves this function.
      throw sanitizeHubSpotError(error, 'HubSpot property request failed');
    }
  };
  await request(() => client.crm.properties.groupsApi.create('contacts', { ...REFERRAL_GROUP })).catch(
    (error: unknown) => {
      if (!alreadyExists(error)) throw error;
    },
  );
  const created = new Set<string>();
  const batch = await request(() =>
    client.crm.properties.batchApi.create('contacts', { inputs: REFERRAL_PROPERTIES.map(toCreate) }),
  ).catch((error: unknown) => {
    // A batch refused as a whole because some names exist: create them one by one instead.
    if (alreadyExists(error)) return null;
    throw error;
  });
  if (batch) {
    for (const property of batch.results) created.add(property.name);
    const refused = ('errors' in batch ? (batch.errors ?? []) : []).filter(
      (e) => e.category !== 'OBJECT_ALREADY_EXISTS',
    );
    if (refused.length > 0) {
      const names = refused.flatMap((e) => e.context?.name ?? []);
      throw new Error(
        `HubSpot refused properties [${names.join(', ')}]: ${refused.map((e) => e.category).join(', ')}`,
      );
    }
  } else {
    for (const property of REFERRAL_PROPERTIES) {
      const made = await request(() =>
        client.crm.properties.coreApi.create('contacts', toCreate(property)),
      ).catch((error: unknown) => {
        if (alreadyExists(error)) return null;
        throw error;
      });
      if (made) created.add(made.name);
    }
  }
  const all = await request(() => client.crm.properties.coreApi.getAll('contacts'));
  const found = new Map(all.results.map((p) => [p.name, p]));
  const mismatched: PropertyMismatch[] = [];
  for (const wanted of REFERRAL_PROPERTIES) {
    const actual = found.get(wanted.name);
    const expected = `${wanted.type}/${wanted.fieldType}`;
    if (!actual) {
      mismatched.push({ name: wanted.name, expected, actual: 'missing' });
      continue;
    }
    if (actual.type !== wanted.type || actual.fieldType !== wanted.fieldType) {
      mismatched.push({ name: wanted.name, expected, actual: `${actual.type}/${actual.fieldType}` });
      continue;
    }
    const have = new Set((actual.options ?? []).map((o) => o.value));
    const missing = (wanted.options ?? []).filter((value) => !have.has(value));
    if (missing.length > 0) {
      mismatched.push({
        name: wanted.name,
        expected: `options ${missing.join(', ')}`,
        actual: 'options missing',
      });
    }
  }
  if (mismatched.length > 0) {
    options.logger?.warn({ mismatched }, 'hubspot referral properties differ from what the sync writes');
  }
  return {
    created: REFERRAL_PROPERTIES.map((p) => p.name).filter((name) => created.has(name)),
    existing: REFERRAL_PROPERTIES.map((p) => p.name).filter((name) => !created.has(name)),
    mismatched,
  };
}

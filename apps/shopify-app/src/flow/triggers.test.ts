import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { type FlowTrigger, flowTriggers } from './triggers.js';

const extensionsDir = new URL('../../extensions/', import.meta.url);

type TriggerToml = { extension: Record<string, string>; fields: Record<string, string>[] };

/**
 * Reads the subset of TOML a Flow trigger file uses: `[[extensions]]` and `[[settings.fields]]`
 * tables of `name = "string"` pairs. Anything else is an error, so a file this cannot read fails
 * the test instead of being half-checked.
 */
function readTriggerToml(text: string): TriggerToml {
  const extension: Record<string, string> = {};
  const fields: Record<string, string>[] = [];
  let table = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      table = line;
      if (table === '[[settings.fields]]') fields.push({});
      continue;
    }
    const eq = line.indexOf('=');
    const value: unknown = eq > 0 ? JSON.parse(line.slice(eq + 1).trim()) : undefined;
    if (typeof value !== 'string') throw new Error(`Not a "name = string" line: ${line}`);
    const name = line.slice(0, eq).trim();
    const target =
      table === '[[extensions]]' ? extension : table === '[[settings.fields]]' ? fields.at(-1) : null;
    if (!target) throw new Error(`Unexpected ${name} in ${table || 'the top level'}`);
    target[name] = value;
  }
  return { extension, fields };
}

const readToml = (folder: string) =>
  readTriggerToml(readFileSync(new URL(`${folder}/shopify.extension.toml`, extensionsDir), 'utf8'));

/** What Flow receives for a field: `<object>_id` for a reference, else the field's key. */
const payloadKey = (field: Record<string, string>) =>
  field.type?.endsWith('_reference') ? `${field.type.slice(0, -'_reference'.length)}_id` : field.key;

// Shopify CLI's rules for trigger fields (flow_trigger specification and services/flow/constants).
const triggerFieldTypes = new Set([
  'customer_reference',
  'order_reference',
  'product_reference',
  'boolean',
  'email',
  'single_line_text_field',
  'url',
  'number_decimal',
]);
const isLettersAndSpaces = (key: string) => /^[A-Za-z ]+$/.test(key);

const triggers: [string, FlowTrigger][] = Object.entries(flowTriggers);

describe.each(triggers)('Flow trigger %s', (_name, trigger) => {
  const toml = readToml(trigger.extension);

  test('the TOML declares the same handle, as a flow_trigger Shopify accepts', () => {
    expect(toml.extension.type).toBe('flow_trigger');
    expect(toml.extension.handle).toBe(trigger.handle);
    expect(trigger.handle).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(trigger.handle.length).toBeLessThanOrEqual(30);
    expect(toml.extension.name).toBeTruthy();
  });

  test('the TOML fields are the payload keys and types, in order', () => {
    const declared = toml.fields.map((field) => [payloadKey(field), field.type]);
    expect(declared).toEqual(Object.entries(trigger.fields));
    expect(Object.keys(trigger.payloadSchema.shape)).toEqual(Object.keys(trigger.fields));
  });

  test('every field is one Flow triggers support, and custom keys are letters and spaces', () => {
    for (const field of toml.fields) {
      expect(triggerFieldTypes.has(field.type ?? '')).toBe(true);
      expect(Object.keys(field).every((prop) => ['type', 'key', 'description'].includes(prop))).toBe(true);
      if (field.type?.endsWith('_reference')) expect(field.key).toBeUndefined();
      else expect(isLettersAndSpaces(field.key ?? '')).toBe(true);
    }
  });
});

test('every flow_trigger extension in the app has an entry in flowTriggers', () => {
  const folders = readdirSync(extensionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.startsWith('flow-'))
    .map((entry) => entry.name)
    .filter((folder) => readToml(folder).extension.type === 'flow_trigger');
  expect(folders.sort()).toEqual(triggers.map(([, trigger]) => trigger.extension).sort());
});

describe('payload schemas', () => {
  const converted = {
    customer_id: 7001,
    order_id: 9001,
    'Referral code': 'ANNA-10',
    'Advocate email': 'anna@example.com',
    'Order name': '#1001',
  };
  const issued = {
    customer_id: 7001,
    'Referral code': 'ANNA-10',
    'Recipient role': 'advocate',
    'Reward type': 'store_credit',
    'Reward amount': 10.5,
    'Reward currency': 'USD',
  };

  test('accept a complete payload', () => {
    expect(flowTriggers.referralConverted.payloadSchema.parse(converted)).toEqual(converted);
    expect(flowTriggers.rewardIssued.payloadSchema.parse(issued)).toEqual(issued);
  });

  test.each([
    ['a gid instead of the numeric id', { ...converted, customer_id: 'gid://shopify/Customer/7001' }],
    ['a key the TOML does not declare', { ...converted, referral_code: 'ANNA-10' }],
    ['a missing field', { ...converted, 'Order name': undefined }],
    ['a bad email', { ...converted, 'Advocate email': 'anna' }],
  ])('referral-converted refuses %s', (_case, payload) => {
    expect(flowTriggers.referralConverted.payloadSchema.safeParse(payload).success).toBe(false);
  });

  test.each([
    ['minor units as a string', { ...issued, 'Reward amount': '1050' }],
    ['a negative amount', { ...issued, 'Reward amount': -1 }],
    ['an unknown reward type', { ...issued, 'Reward type': 'cash' }],
    ['a lower-case currency', { ...issued, 'Reward currency': 'usd' }],
  ])('reward-issued refuses %s', (_case, payload) => {
    expect(flowTriggers.rewardIssued.payloadSchema.safeParse(payload).success).toBe(false);
  });
});

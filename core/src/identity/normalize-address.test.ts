import { describe, expect, test } from 'vitest';
import { type AddressInput, normalizeAddress } from './normalize-address.js';

const base: AddressInput = {
  line1: '12 Oak Street',
  line2: 'Apartment 4',
  city: 'Springfield',
  zip: '12345',
  countryCode: 'US',
};
const key = normalizeAddress(base);

describe('normalizeAddress', () => {
  test('produces a readable canonical key', () => {
    expect(key).toBe('12 oak st apt 4|springfield|12345|us');
  });

  test.each<[string, AddressInput]>([
    ['case and whitespace', { ...base, line1: '  12   OAK   street ', city: ' SPRINGFIELD ' }],
    ['abbreviated with punctuation', { ...base, line1: '12 Oak St.', line2: 'Apt. 4' }],
    ['hash unit', { ...base, line1: '12 Oak St', line2: '#4' }],
    ['apt and hash', { ...base, line1: '12 Oak St', line2: 'Apt #4' }],
    ['unit on line1', { ...base, line1: '12 Oak St, Apt 4', line2: null }],
    ['unit designator synonym', { ...base, line2: 'Unit 4' }],
    ['suite', { ...base, line2: 'Suite 4' }],
    ['ZIP+4', { ...base, zip: '12345-6789' }],
    ['lowercase country', { ...base, countryCode: 'us' }],
  ])('%s compares equal', (_name, address) => {
    expect(normalizeAddress(address)).toBe(key);
  });

  test.each<[string, AddressInput]>([
    ['different number', { ...base, line1: '14 Oak Street' }],
    ['different unit', { ...base, line2: 'Apartment 5' }],
    ['different zip', { ...base, zip: '12346' }],
    ['different street type', { ...base, line1: '12 Oak Avenue' }],
  ])('%s differs', (_name, address) => {
    expect(normalizeAddress(address)).not.toBe(key);
  });

  test.each<[string, AddressInput, string | null]>([
    ['no line1 and no zip', { city: 'Paris', countryCode: 'FR' }, null],
    ['only line2', { line2: 'Apt 4', city: 'Paris' }, null],
    ['only punctuation', { line1: ' , . ', zip: ' - ' }, null],
    ['empty object', {}, null],
    ['zip only', { zip: 'SW1A 1AA', countryCode: 'GB' }, '||sw1a1aa|gb'],
    [
      'accents folded',
      { line1: '5 Rue de la Paix', city: 'Besançon', zip: '25000' },
      '5 rue de la paix|besancon|25000|',
    ],
    ['avenue and directions', { line1: '100 North Main Avenue' }, '100 n main ave|||'],
    ['non-US 9 digits kept', { line1: '1 Road', zip: '123456789', countryCode: 'BR' }, '1 rd||123456789|br'],
  ])('%s', (_name, address, expected) => {
    expect(normalizeAddress(address)).toBe(expected);
  });
});

import { describe, expect, test } from 'vitest';
import { RecordStore } from './records.js';

const source = { sourceType: 'INTEGRATION', sourceId: '1' };

function store() {
  let seq = 0;
  return new RecordStore(
    'lastmodifieddate',
    () => String(++seq),
    () => Date.parse('2026-11-01T00:00:00Z'),
  );
}

describe('RecordStore.find (indexed)', () => {
  test('finds records created before and after the first lookup', () => {
    const contacts = store();
    const ann = contacts.create({ email: 'ann@example.com' }, source);
    expect(contacts.find('email', 'ann@example.com')).toBe(ann);
    const bob = contacts.create({ email: 'bob@example.com' }, source);
    expect(contacts.find('email', 'bob@example.com')).toBe(bob);
    expect(contacts.find('email', 'carl@example.com')).toBeUndefined();
    expect(contacts.find('firstname', 'Ann')).toBeUndefined();
  });

  test('a write that changes the value moves the record in the index', () => {
    const contacts = store();
    const ann = contacts.create({ email: 'ann@example.com' }, source);
    expect(contacts.find('email', 'ann@example.com')).toBe(ann);
    contacts.write(ann, { email: 'ann@new.example.com', firstname: 'Ann' }, source);
    expect(contacts.find('email', 'ann@example.com')).toBeUndefined();
    expect(contacts.find('email', 'ann@new.example.com')).toBe(ann);
    // An index built after the change sees the current value only.
    expect(contacts.find('firstname', 'Ann')).toBe(ann);
    contacts.write(ann, { firstname: 'Anna' }, source);
    expect(contacts.find('firstname', 'Ann')).toBeUndefined();
    expect(contacts.find('firstname', 'Anna')).toBe(ann);
  });

  test('a value several records hold finds the first created', () => {
    const contacts = store();
    const first = contacts.create({ company: 'Acme' }, source);
    const second = contacts.create({ company: 'Other' }, source);
    expect(contacts.find('company', 'Acme')).toBe(first);
    contacts.write(second, { company: 'Acme' }, source);
    expect(contacts.find('company', 'Acme')).toBe(first);
    contacts.write(first, { company: 'Gone' }, source);
    expect(contacts.find('company', 'Acme')).toBe(second);
  });
});

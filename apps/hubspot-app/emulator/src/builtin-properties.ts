// The HubSpot-defined groups and properties every portal starts with: the ones the referral sync
// reads or writes, plus the read-only record metadata HubSpot maintains itself.
import { PropertyCatalog } from './property-catalog.js';

type Builtin = [name: string, label: string, type: string, fieldType: string, readOnly?: boolean];

const LIFECYCLE_STAGES = [
  'subscriber',
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
  'evangelist',
  'other',
];

const CONTACT_PROPERTIES: Builtin[] = [
  ['email', 'Email', 'string', 'text'],
  ['firstname', 'First Name', 'string', 'text'],
  ['lastname', 'Last Name', 'string', 'text'],
  ['phone', 'Phone Number', 'string', 'text'],
  ['company', 'Company Name', 'string', 'text'],
  ['website', 'Website URL', 'string', 'text'],
  ['jobtitle', 'Job Title', 'string', 'text'],
  ['lifecyclestage', 'Lifecycle Stage', 'enumeration', 'radio'],
  ['createdate', 'Create Date', 'datetime', 'date', true],
  ['lastmodifieddate', 'Last Modified Date', 'datetime', 'date', true],
  ['hs_object_id', 'Record ID', 'number', 'number', true],
];

const DEAL_PROPERTIES: Builtin[] = [
  ['dealname', 'Deal Name', 'string', 'text'],
  ['amount', 'Amount', 'number', 'number'],
  // Options of these two come from the pipelines; the portal checks them (see portal.ts).
  ['dealstage', 'Deal Stage', 'enumeration', 'radio'],
  ['pipeline', 'Pipeline', 'enumeration', 'select'],
  ['closedate', 'Close Date', 'datetime', 'date'],
  ['deal_currency_code', 'Currency', 'enumeration', 'select'],
  ['createdate', 'Create Date', 'datetime', 'date', true],
  ['hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date', true],
  ['hs_object_id', 'Record ID', 'number', 'number', true],
  ['hs_is_closed', 'Is Deal Closed?', 'bool', 'booleancheckbox', true],
  ['hs_is_closed_won', 'Is Closed Won', 'bool', 'booleancheckbox', true],
];

function optionsFor(name: string): { label: string; value: string }[] | undefined {
  if (name === 'lifecyclestage') return LIFECYCLE_STAGES.map((value) => ({ label: value, value }));
  if (name === 'deal_currency_code') {
    return Intl.supportedValuesOf('currency').map((code) => ({ label: code, value: code }));
  }
  return undefined;
}

function catalog(
  objectType: 'contacts' | 'deals',
  group: { name: string; label: string },
  builtins: Builtin[],
  now: () => number,
): PropertyCatalog {
  const result = new PropertyCatalog(objectType, now);
  result.addGroup({ ...group, displayOrder: 0 });
  builtins.forEach(([name, label, type, fieldType, readOnly], displayOrder) => {
    const created = result.create(
      { name, label, type, fieldType, groupName: group.name, displayOrder, options: optionsFor(name) },
      { hubspotDefined: true, readOnlyValue: readOnly ?? false },
    );
    if (!created.ok) throw new Error(`Built-in property ${name}: ${created.message}`);
  });
  // HubSpot's unique identifier for contacts; it is what batch upsert's idProperty 'email' keys on.
  const email = result.properties.get('email');
  if (email) email.hasUniqueValue = objectType === 'contacts';
  return result;
}

export const contactCatalog = (now: () => number) =>
  catalog('contacts', { name: 'contactinformation', label: 'Contact information' }, CONTACT_PROPERTIES, now);

export const dealCatalog = (now: () => number) =>
  catalog('deals', { name: 'dealinformation', label: 'Deal information' }, DEAL_PROPERTIES, now);

// Property types, the fieldTypes each accepts (HubSpot's "Valid values for type field and compatible
// fieldType values" table), and how a written value is checked and stored for each type. Values on
// the wire are strings; numbers and booleans in a JSON body are coerced the way HubSpot does.

export const PROPERTY_TYPES = ['string', 'number', 'date', 'datetime', 'enumeration', 'bool'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

export const FIELD_TYPES = [
  'textarea',
  'text',
  'date',
  'file',
  'number',
  'select',
  'radio',
  'checkbox',
  'booleancheckbox',
  'calculation_equation',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FIELD_TYPES_BY_TYPE: Record<PropertyType, readonly FieldType[]> = {
  bool: ['booleancheckbox', 'calculation_equation'],
  enumeration: ['booleancheckbox', 'checkbox', 'radio', 'select', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  string: ['file', 'text', 'textarea', 'calculation_equation'],
  number: ['number', 'calculation_equation'],
};

export const MAX_STRING_LENGTH = 65_536;

export type RawValue = string | number | boolean | null;

/** The parts of a definition a value check needs. */
export type ValueRule = { name: string; type: PropertyType; options: readonly { value: string }[] };

export type ValueCheck = { ok: true; value: string } | { ok: false; error: string; message: string };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const EPOCH_MS = /^-?\d+$/;
const DAY_MS = 86_400_000;

/** JSON numbers and booleans become HubSpot's strings; null clears like an empty string. */
export function coerce(raw: RawValue): string {
  if (raw === null) return '';
  if (typeof raw === 'boolean') return raw ? 'true' : 'false';
  return String(raw);
}

const invalid = (error: string, message: string): ValueCheck => ({ ok: false, error, message });

function checkDate(rule: ValueRule, value: string): ValueCheck {
  if (DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return { ok: true, value };
  const ms = EPOCH_MS.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(ms)) return invalid('INVALID_DATE', `${value} is not a valid date for ${rule.name}.`);
  if (ms % DAY_MS !== 0) {
    return invalid('INVALID_DATE', `${value} is not at midnight UTC: ${rule.name} is a date property.`);
  }
  return { ok: true, value: new Date(ms).toISOString().slice(0, 10) };
}

function checkDatetime(rule: ValueRule, value: string): ValueCheck {
  const ms = EPOCH_MS.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(ms)) return invalid('INVALID_DATE', `${value} is not a valid datetime for ${rule.name}.`);
  return { ok: true, value: new Date(ms).toISOString() };
}

function checkOptions(rule: ValueRule, value: string): ValueCheck {
  const allowed = new Set(rule.options.map((option) => option.value));
  for (const part of value.split(';')) {
    if (!allowed.has(part)) {
      return invalid(
        'INVALID_OPTION',
        `${part} was not one of the allowed options: [${[...allowed].join(', ')}] for ${rule.name}.`,
      );
    }
  }
  return { ok: true, value };
}

/** The stored form of a written value, or HubSpot's per-property error code and message. */
export function checkValue(rule: ValueRule, raw: RawValue): ValueCheck {
  const value = coerce(raw);
  if (value === '') return { ok: true, value: '' };
  switch (rule.type) {
    case 'string':
      return value.length > MAX_STRING_LENGTH
        ? invalid(
            'INVALID_STRING',
            `The value for ${rule.name} is longer than ${MAX_STRING_LENGTH} characters.`,
          )
        : { ok: true, value };
    case 'number':
      return NUMBER.test(value.trim())
        ? { ok: true, value: value.trim() }
        : invalid('INVALID_INTEGER', `${value} was not a valid number.`);
    case 'bool': {
      const lower = value.toLowerCase();
      return lower === 'true' || lower === 'false'
        ? { ok: true, value: lower }
        : invalid('INVALID_BOOLEAN', `${value} is not a valid boolean for ${rule.name}: use true or false.`);
    }
    case 'date':
      return checkDate(rule, value);
    case 'datetime':
      return checkDatetime(rule, value);
    case 'enumeration':
      return checkOptions(rule, value);
  }
}

// Checks a record write against the object's property definitions: unknown names, read-only
// properties and values that do not fit the type are refused with HubSpot's per-property codes
// (PROPERTY_DOESNT_EXIST, READ_ONLY_VALUE, INVALID_INTEGER, INVALID_OPTION, ...), and the
// message HubSpot builds from them ("Property values were not valid: [...]").
import type { PropertyCatalog } from './property-catalog.js';
import { checkValue, coerce, type RawValue, type ValueCheck } from './property-types.js';

export type PropertyValueError = { name: string; error: string; message: string };

export type ValuesCheck =
  | { ok: true; values: Record<string, string> }
  | { ok: false; errors: PropertyValueError[] };

/** An object-specific check that replaces the generic one for some names (emails, deal stages). */
export type SpecialCheck = (name: string, value: string) => ValueCheck | undefined;

export function checkValues(
  catalog: PropertyCatalog,
  raw: Record<string, RawValue>,
  special?: SpecialCheck,
): ValuesCheck {
  const values: Record<string, string> = {};
  const errors: PropertyValueError[] = [];
  for (const [name, input] of Object.entries(raw)) {
    const definition = catalog.properties.get(name);
    if (!definition) {
      errors.push({ name, error: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` });
      continue;
    }
    if (definition.readOnlyValue) {
      errors.push({
        name,
        error: 'READ_ONLY_VALUE',
        message: `${name} is a read only property; its value cannot be set.`,
      });
      continue;
    }
    const checked = special?.(name, coerce(input)) ?? checkValue(definition, input);
    if (checked.ok) values[name] = checked.value;
    else errors.push({ name, error: checked.error, message: checked.message });
  }
  return errors.length === 0 ? { ok: true, values } : { ok: false, errors };
}

export function invalidValuesMessage(errors: PropertyValueError[], portalId: number): string {
  const details = errors.map((e) => ({
    isValid: false,
    message: e.message,
    error: e.error,
    name: e.name,
    localizedErrorMessage: e.message,
    portalId,
  }));
  return `Property values were not valid: ${JSON.stringify(details)}`;
}

/** The StandardError a 207 lists for one refused input. */
export function invalidValuesError(errors: PropertyValueError[], portalId: number, id?: string) {
  return {
    status: 'error',
    category: 'VALIDATION_ERROR',
    message: invalidValuesMessage(errors, portalId),
    context: {
      propertyName: errors.map((e) => e.name),
      ...(id === undefined ? {} : { ids: [id] }),
    },
    errors: errors.map((e) => ({ message: e.message, code: e.error, context: { propertyName: [e.name] } })),
    links: {},
  };
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** HubSpot matches contacts on the trimmed, lower-cased address. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export function checkEmail(value: string): ValueCheck {
  if (value === '') return { ok: true, value };
  const email = normalizeEmail(value);
  return EMAIL.test(email)
    ? { ok: true, value: email }
    : { ok: false, error: 'INVALID_EMAIL', message: `Email address ${value} is invalid` };
}

// POST /crm/v3/objects/contacts/batch/upsert and batch/read. Upsert keys on a unique property
// (email, trimmed and lower-cased, or a custom hasUniqueValue property) or the record id
// (hs_object_id). More than 100 inputs, a non-unique idProperty or two inputs that resolve to one
// record fail the whole batch with 400; an input with invalid properties is refused on its own
// (207, the others applied) unless the emulator was told to reject the batch instead.
import { z } from 'zod';
import { fail, parseBody, type Reply } from './http.js';
import { batchReply, MAX_BATCH_INPUTS, showRecord, tooManyInputs } from './object-views.js';
import type { PortalState } from './portal.js';
import { invalidValuesError, invalidValuesMessage, normalizeEmail } from './property-values.js';
import type { CrmRecord } from './records.js';

export type InvalidBatchInputs = 'per-input' | 'reject-batch';

const rawValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const upsertSchema = z.object({
  inputs: z.array(
    z.object({
      id: z.string(),
      idProperty: z.string().optional(),
      properties: z.record(z.string(), rawValueSchema),
      objectWriteTraceId: z.string().optional(),
    }),
  ),
});

const readSchema = z.object({
  inputs: z.array(z.object({ id: z.string() })),
  properties: z.array(z.string()).optional(),
  propertiesWithHistory: z.array(z.string()).optional(),
  idProperty: z.string().optional(),
});

type Key = { idProperty: string; value: string };

/** The unique property an input is keyed on, or null when HubSpot would refuse it as an id. */
function keyOf(portal: PortalState, id: string, idProperty: string | undefined): Key | null {
  const name = idProperty ?? 'hs_object_id';
  if (name === 'hs_object_id') return { idProperty: name, value: id.trim() };
  const definition = portal.contactProperties.properties.get(name);
  if (!definition?.hasUniqueValue) return null;
  return { idProperty: name, value: name === 'email' ? normalizeEmail(id) : id.trim() };
}

function findByKey(portal: PortalState, key: Key): CrmRecord | undefined {
  return key.idProperty === 'hs_object_id'
    ? portal.contacts.get(key.value)
    : portal.contacts.find(key.idProperty, key.value);
}

export function upsertContacts(portal: PortalState, body: unknown, mode: InvalidBatchInputs): Reply {
  const parsed = parseBody(upsertSchema, body);
  if (!parsed.ok) return parsed.reply;
  const { inputs } = parsed.value;
  if (inputs.length > MAX_BATCH_INPUTS) return tooManyInputs(inputs.length);
  const keys: Key[] = [];
  for (const input of inputs) {
    const key = keyOf(portal, input.id, input.idProperty);
    if (!key) {
      return fail(400, 'VALIDATION_ERROR', 'Unable to perform update/upsert by non-unique 0-1 property', {
        context: { idProperty: [input.idProperty ?? ''] },
      });
    }
    keys.push(key);
  }
  // Two inputs aimed at one record (the same email twice, or an email and that contact's id).
  const targets = keys.map((key) => findByKey(portal, key)?.id ?? `new:${key.idProperty}:${key.value}`);
  const duplicates = [...new Set(targets.filter((t, i) => targets.indexOf(t) !== i))];
  if (duplicates.length > 0) {
    const ids = inputs
      .filter((_input, i) => duplicates.includes(targets[i] as string))
      .map((input) => input.id);
    return fail(
      400,
      'VALIDATION_ERROR',
      `Duplicate IDs found in batch input: [${ids.join(', ')}]. IDs must be unique`,
      {
        context: { ids },
      },
    );
  }
  const checks = inputs.map((input, i) => {
    const key = keys[i] as Key;
    // The id is written as the key property, so it passes the same checks (an email must be valid).
    const properties = { [key.idProperty]: key.value, ...input.properties };
    const checked = portal.checkContactWrite(
      key.idProperty === 'hs_object_id' ? input.properties : properties,
    );
    if (checked.ok && key.idProperty !== 'hs_object_id') {
      const given = checked.values[key.idProperty];
      if (given !== undefined && given !== key.value) {
        const message = `${key.idProperty} in properties (${given}) differs from the input id (${key.value})`;
        return {
          ok: false as const,
          errors: [{ name: key.idProperty, error: 'INVALID_ID_PROPERTY', message }],
        };
      }
    }
    return checked;
  });
  const firstRefused = checks.find((check) => !check.ok);
  if (firstRefused && !firstRefused.ok && mode === 'reject-batch') {
    return fail(400, 'VALIDATION_ERROR', invalidValuesMessage(firstRefused.errors, portal.portalId));
  }
  const results: unknown[] = [];
  const errors: unknown[] = [];
  inputs.forEach((input, i) => {
    const check = checks[i];
    const key = keys[i] as Key;
    if (!check?.ok) {
      if (check) errors.push(invalidValuesError(check.errors, portal.portalId, input.id));
      return;
    }
    const existing = findByKey(portal, key);
    if (!existing && key.idProperty === 'hs_object_id') {
      errors.push({
        status: 'error',
        category: 'OBJECT_NOT_FOUND',
        message: `No contact with id ${key.value}: upsert by record id only updates.`,
        context: { ids: [input.id] },
        errors: [],
        links: {},
      });
      return;
    }
    const values =
      key.idProperty === 'hs_object_id' ? check.values : { ...check.values, [key.idProperty]: key.value };
    const record = existing ?? portal.contacts.create(values, portal.apiSource);
    if (existing) portal.contacts.write(existing, values, portal.apiSource);
    const view = showRecord(portal, 'contacts', record, { properties: Object.keys(values) });
    results.push({ ...view, new: !existing });
  });
  return batchReply(results, errors, portal.now());
}

export function readContacts(portal: PortalState, body: unknown): Reply {
  const parsed = parseBody(readSchema, body);
  if (!parsed.ok) return parsed.reply;
  const { inputs, properties, propertiesWithHistory, idProperty } = parsed.value;
  if (inputs.length > MAX_BATCH_INPUTS) return tooManyInputs(inputs.length);
  const found = new Map<string, CrmRecord>();
  const missing: string[] = [];
  for (const input of inputs) {
    const key = keyOf(portal, input.id, idProperty);
    if (!key) {
      return fail(400, 'VALIDATION_ERROR', `${idProperty} is not a unique property of contacts`, {
        context: { idProperty: [idProperty ?? ''] },
      });
    }
    const record = findByKey(portal, key);
    if (record) found.set(record.id, record);
    else missing.push(input.id);
  }
  // Reading by a unique property returns that property too, so callers can match results to inputs.
  const requested = properties && idProperty ? [...properties, idProperty] : (properties ?? null);
  const results = [...found.values()].map((record) =>
    showRecord(portal, 'contacts', record, { properties: requested, propertiesWithHistory }),
  );
  const errors =
    missing.length === 0
      ? []
      : [
          {
            status: 'error',
            category: 'OBJECT_NOT_FOUND',
            message:
              'Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.',
            context: { ids: missing },
            errors: [],
            links: {},
          },
        ];
  return batchReply(results, errors, portal.now());
}

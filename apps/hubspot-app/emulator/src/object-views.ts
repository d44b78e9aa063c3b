// How records of each object type are shown: HubSpot's default property lists, the v3 batch
// envelope ({status: 'COMPLETE', results, errors?, numErrors?, startedAt, completedAt}) and the
// 404 a single-object read answers.
import { fail, type Reply } from './http.js';
import type { ObjectType, PortalState } from './portal.js';
import { type CrmRecord, recordJson } from './records.js';

const DEFAULT_PROPERTIES: Record<ObjectType, readonly string[]> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  deals: [
    'amount',
    'closedate',
    'createdate',
    'dealname',
    'dealstage',
    'hs_lastmodifieddate',
    'hs_object_id',
    'pipeline',
  ],
};

const OTHER: Record<ObjectType, ObjectType> = { contacts: 'deals', deals: 'contacts' };
const SINGULAR: Record<ObjectType, string> = { contacts: 'contact', deals: 'deal' };

export type ViewRequest = {
  properties?: string[] | null;
  propertiesWithHistory?: string[] | null;
  /** Object types to list associations for (v3 `associations=` query parameter). */
  associations?: string[] | null;
};

export function showRecord(
  portal: PortalState,
  objectType: ObjectType,
  record: CrmRecord,
  view: ViewRequest,
) {
  const catalog = portal.catalog(objectType);
  const json = recordJson(portal.store(objectType), record, {
    properties: view.properties ?? null,
    defaults: DEFAULT_PROPERTIES[objectType],
    propertiesWithHistory: view.propertiesWithHistory ?? null,
    isKnown: (name) => catalog.properties.has(name),
  });
  const other = OTHER[objectType];
  if (view.associations?.some((name) => name === other || name === SINGULAR[other])) {
    const ids =
      objectType === 'deals' ? portal.contactIdsOfDeal(record.id) : portal.dealIdsOfContact(record.id);
    const type = `${SINGULAR[objectType]}_to_${SINGULAR[other]}`;
    if (ids.length > 0) {
      return { ...json, associations: { [other]: { results: ids.map((id) => ({ id, type })) } } };
    }
  }
  return json;
}

export type BatchError = {
  status: 'error';
  category: string;
  message: string;
  context: Record<string, string[]>;
  errors: unknown[];
  links: Record<string, string>;
};

/** 200 (or `okStatus`) when every input went through, 207 Multi-Status with the errors otherwise. */
export function batchReply(results: unknown[], errors: unknown[], at: number, okStatus = 200): Reply {
  const stamp = new Date(at).toISOString();
  const body: Record<string, unknown> = { status: 'COMPLETE', results, startedAt: stamp, completedAt: stamp };
  if (errors.length === 0) return { status: okStatus, body };
  return { status: 207, body: { ...body, numErrors: errors.length, errors } };
}

export const MAX_BATCH_INPUTS = 100;

export function tooManyInputs(count: number): Reply {
  return fail(
    400,
    'VALIDATION_ERROR',
    `Batch input size of ${count} exceeds the maximum of ${MAX_BATCH_INPUTS}.`,
    {
      context: { inputs: [String(count)] },
    },
  );
}

export function objectNotFound(id: string): Reply {
  // HubSpot's own wording, two spaces included.
  return fail(404, 'OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.', {
    context: { id: [id] },
  });
}

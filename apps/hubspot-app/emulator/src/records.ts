// CRM records of one object type in one portal. Every write bumps the modified date and appends one
// history entry per written property, even when the value is unchanged, so tests can count how many
// writes reached a record (HubSpot itself may skip no-op writes; the emulator keeps them visible).

export type HistoryEntry = { value: string; timestamp: number; sourceType: string; sourceId: string };

export type CrmRecord = {
  id: string;
  createdAt: number;
  updatedAt: number;
  values: Map<string, string>;
  /** Per property, oldest first. */
  history: Map<string, HistoryEntry[]>;
  /** Write operations that reached this record, its creation included. */
  writes: number;
};

export type WriteSource = { sourceType: string; sourceId: string };

export class RecordStore {
  readonly records = new Map<string, CrmRecord>();

  constructor(
    /** 'lastmodifieddate' for contacts, 'hs_lastmodifieddate' for deals. */
    readonly modifiedProperty: string,
    private readonly nextId: () => string,
    private readonly now: () => number,
  ) {}

  create(values: Record<string, string>, source: WriteSource): CrmRecord {
    const at = this.now();
    const id = this.nextId();
    const record: CrmRecord = {
      id,
      createdAt: at,
      updatedAt: at,
      values: new Map(),
      history: new Map(),
      writes: 0,
    };
    this.records.set(id, record);
    const stamp = new Date(at).toISOString();
    this.write(record, { createdate: stamp, hs_object_id: id, ...values }, source);
    return record;
  }

  write(record: CrmRecord, values: Record<string, string>, source: WriteSource): void {
    const at = this.now();
    const stamp = new Date(at).toISOString();
    for (const [name, value] of Object.entries({ ...values, [this.modifiedProperty]: stamp })) {
      record.values.set(name, value);
      const entries = record.history.get(name) ?? [];
      entries.push({ value, timestamp: at, ...source });
      record.history.set(name, entries);
    }
    record.updatedAt = at;
    record.writes += 1;
  }

  get(id: string): CrmRecord | undefined {
    return this.records.get(id);
  }

  /** The record whose `name` equals `value` (the caller normalises, e.g. lower-cased emails). */
  find(name: string, value: string): CrmRecord | undefined {
    for (const record of this.records.values()) if (record.values.get(name) === value) return record;
    return undefined;
  }
}

export type RecordView = {
  /** Requested property names, or null for the object's defaults. */
  properties: string[] | null;
  defaults: readonly string[];
  propertiesWithHistory?: string[] | null;
  isKnown(name: string): boolean;
};

/** SimplePublicObject: requested properties (null when unset, unknown names left out) plus metadata. */
export function recordJson(store: RecordStore, record: CrmRecord, view: RecordView) {
  const always = ['createdate', store.modifiedProperty, 'hs_object_id'];
  const names = view.properties ? [...new Set([...view.properties, ...always])] : [...view.defaults];
  const properties: Record<string, string | null> = {};
  for (const name of names.filter(view.isKnown).sort()) properties[name] = record.values.get(name) ?? null;
  const json: Record<string, unknown> = {
    id: record.id,
    properties,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    archived: false,
  };
  const withHistory = view.propertiesWithHistory?.filter(view.isKnown) ?? [];
  if (withHistory.length > 0) {
    json.propertiesWithHistory = Object.fromEntries(
      withHistory.map((name) => [
        name,
        [...(record.history.get(name) ?? [])].reverse().map((entry) => ({
          value: entry.value,
          timestamp: new Date(entry.timestamp).toISOString(),
          sourceType: entry.sourceType,
          sourceId: entry.sourceId,
        })),
      ]),
    );
  }
  return json;
}

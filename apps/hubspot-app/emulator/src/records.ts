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
  /** In creation order. Change records through `create` and `write` only: they keep the indexes. */
  readonly records = new Map<string, CrmRecord>();
  /**
   * Per property looked up with `find`: value -> records holding it. Built on a property's first
   * lookup, then kept by `write`, so upserts by email cost O(1) instead of a scan of the portal.
   */
  private readonly indexes = new Map<string, Map<string, Set<CrmRecord>>>();

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
      const index = this.indexes.get(name);
      if (index) moveInIndex(index, record, record.values.get(name), value);
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

  /**
   * The first record (in creation order) whose `name` equals `value`; the caller normalises, e.g.
   * lower-cased emails. Unique properties hold a value once, so the scan below is for the rest.
   */
  find(name: string, value: string): CrmRecord | undefined {
    const holders = this.index(name).get(value);
    if (!holders || holders.size === 0) return undefined;
    if (holders.size === 1) return holders.values().next().value;
    for (const record of this.records.values()) if (holders.has(record)) return record;
    return undefined;
  }

  private index(name: string): Map<string, Set<CrmRecord>> {
    let index = this.indexes.get(name);
    if (!index) {
      index = new Map();
      for (const record of this.records.values()) {
        moveInIndex(index, record, undefined, record.values.get(name));
      }
      this.indexes.set(name, index);
    }
    return index;
  }
}

function moveInIndex(
  index: Map<string, Set<CrmRecord>>,
  record: CrmRecord,
  from: string | undefined,
  to: string | undefined,
): void {
  if (from === to) return;
  if (from !== undefined) {
    const holders = index.get(from);
    holders?.delete(record);
    if (holders?.size === 0) index.delete(from);
  }
  if (to === undefined) return;
  const holders = index.get(to);
  if (holders) holders.add(record);
  else index.set(to, new Set([record]));
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

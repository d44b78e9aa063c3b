// In-memory state of one HubSpot portal (account): contact and deal properties, records, deal
// pipelines and deal<->contact associations. Tests use the helpers to arrange data and read back
// what the app wrote; the HTTP routes go through the same checks.
import { contactCatalog, dealCatalog } from './builtin-properties.js';
import {
  buildPipeline,
  defaultPipeline,
  isClosedWon,
  type Pipeline,
  type PipelineInput,
} from './pipelines.js';
import type { PropertyCatalog } from './property-catalog.js';
import type { RawValue, ValueCheck } from './property-types.js';
import {
  checkEmail,
  checkValues,
  invalidValuesMessage,
  normalizeEmail,
  type ValuesCheck,
} from './property-values.js';
import { type CrmRecord, RecordStore, type WriteSource } from './records.js';

export type ObjectType = 'contacts' | 'deals';
export type Properties = Record<string, RawValue>;

export class PortalState {
  private seq: number;
  readonly contactProperties: PropertyCatalog;
  readonly dealProperties: PropertyCatalog;
  readonly contacts: RecordStore;
  readonly deals: RecordStore;
  readonly pipelines = new Map<string, Pipeline>();
  /** `${dealId}:${contactId}` */
  private readonly links = new Set<string>();

  constructor(
    readonly portalId: number,
    readonly appId: number,
    readonly now: () => number,
  ) {
    // Ids differ per portal so that an id used against the wrong portal finds nothing.
    this.seq = portalId * 1000;
    this.contactProperties = contactCatalog(now);
    this.dealProperties = dealCatalog(now);
    this.contacts = new RecordStore('lastmodifieddate', () => this.nextId(), now);
    this.deals = new RecordStore('hs_lastmodifieddate', () => this.nextId(), now);
    this.pipelines.set('default', defaultPipeline(now()));
  }

  nextId(): string {
    this.seq += 1;
    return String(this.seq);
  }

  /** What a write through the API records as its source in the property history. */
  get apiSource(): WriteSource {
    return { sourceType: 'INTEGRATION', sourceId: String(this.appId) };
  }

  catalog(objectType: ObjectType): PropertyCatalog {
    return objectType === 'contacts' ? this.contactProperties : this.dealProperties;
  }

  store(objectType: ObjectType): RecordStore {
    return objectType === 'contacts' ? this.contacts : this.deals;
  }

  /** Checks a contact write: emails are trimmed, lower-cased and must look like addresses. */
  checkContactWrite(raw: Properties): ValuesCheck {
    return checkValues(this.contactProperties, raw, (name, value) =>
      name === 'email' ? checkEmail(value) : undefined,
    );
  }

  contactByEmail(email: string): CrmRecord | undefined {
    return this.contacts.find('email', normalizeEmail(email));
  }

  /** Arranges a contact as if someone created it in HubSpot (source CRM_UI). */
  createContact(properties: Properties): CrmRecord {
    const checked = this.checkContactWrite(properties);
    if (!checked.ok) throw new Error(invalidValuesMessage(checked.errors, this.portalId));
    const email = checked.values.email;
    if (email && this.contactByEmail(email)) throw new Error(`Contact ${email} already exists`);
    return this.contacts.create(checked.values, { sourceType: 'CRM_UI', sourceId: 'emulator' });
  }

  /** A custom deal pipeline; give a stage probability 1 (and isClosed) to make it the won stage. */
  addDealPipeline(input: PipelineInput): Pipeline {
    const pipeline = buildPipeline(input, () => this.nextId(), this.now());
    if (this.pipelines.has(pipeline.id)) throw new Error(`Pipeline ${pipeline.id} already exists`);
    this.pipelines.set(pipeline.id, pipeline);
    return pipeline;
  }

  /**
   * Checks a deal write: the pipeline must exist and the stage must belong to it. A new deal gets
   * the default pipeline and its first stage unless given; hs_is_closed(_won) follow the stage.
   */
  checkDealWrite(raw: Properties, existing?: CrmRecord): ValuesCheck {
    const input = { ...raw };
    if (!existing) {
      input.pipeline ??= 'default';
      input.dealstage ??= this.pipelines.get(String(input.pipeline))?.stages[0]?.id ?? null;
    }
    const pipelineId = String(input.pipeline ?? existing?.values.get('pipeline') ?? 'default');
    const pipeline = this.pipelines.get(pipelineId);
    const special = (name: string, value: string): ValueCheck | undefined => {
      if (name === 'pipeline') {
        return pipeline
          ? { ok: true, value }
          : { ok: false, error: 'INVALID_OPTION', message: `${value} is not a valid pipeline id` };
      }
      if (name !== 'dealstage' || !pipeline) return undefined;
      return pipeline.stages.some((stage) => stage.id === value)
        ? { ok: true, value }
        : {
            ok: false,
            error: 'INVALID_OPTION',
            message: `${value} was not one of the allowed options: [${pipeline.stages.map((s) => s.id).join(', ')}] of pipeline ${pipeline.id}`,
          };
    };
    const checked = checkValues(this.dealProperties, input, special);
    if (!checked.ok || checked.values.dealstage === undefined) return checked;
    const stage = pipeline?.stages.find((s) => s.id === checked.values.dealstage);
    return {
      ok: true,
      values: {
        ...checked.values,
        hs_is_closed: String(stage?.isClosed ?? false),
        hs_is_closed_won: String(stage ? isClosedWon(stage) : false),
      },
    };
  }

  /** Arranges a deal (source CRM_UI), optionally associated with contacts. */
  createDeal(properties: Properties, options: { contactIds?: string[] } = {}): CrmRecord {
    const checked = this.checkDealWrite(properties);
    if (!checked.ok) throw new Error(invalidValuesMessage(checked.errors, this.portalId));
    const deal = this.deals.create(checked.values, { sourceType: 'CRM_UI', sourceId: 'emulator' });
    for (const contactId of options.contactIds ?? []) this.associate(deal.id, contactId);
    return deal;
  }

  /** Changes a deal as a user would in HubSpot (e.g. moves it to closedwon). */
  updateDeal(dealId: string, properties: Properties): CrmRecord {
    const deal = this.deals.get(dealId);
    if (!deal) throw new Error(`No deal ${dealId} in portal ${this.portalId}`);
    const checked = this.checkDealWrite(properties, deal);
    if (!checked.ok) throw new Error(invalidValuesMessage(checked.errors, this.portalId));
    this.deals.write(deal, checked.values, { sourceType: 'CRM_UI', sourceId: 'emulator' });
    return deal;
  }

  associate(dealId: string, contactId: string): void {
    if (!this.deals.get(dealId)) throw new Error(`No deal ${dealId} in portal ${this.portalId}`);
    if (!this.contacts.get(contactId)) throw new Error(`No contact ${contactId} in portal ${this.portalId}`);
    this.links.add(`${dealId}:${contactId}`);
  }

  dissociate(dealId: string, contactId: string): void {
    this.links.delete(`${dealId}:${contactId}`);
  }

  contactIdsOfDeal(dealId: string): string[] {
    return [...this.links].filter((l) => l.startsWith(`${dealId}:`)).map((l) => l.split(':')[1] as string);
  }

  dealIdsOfContact(contactId: string): string[] {
    return [...this.links].filter((l) => l.endsWith(`:${contactId}`)).map((l) => l.split(':')[0] as string);
  }
}

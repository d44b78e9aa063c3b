export type { InvalidBatchInputs } from './contact-batch.js';
export type { Fault, RequestLogEntry } from './crm-dispatch.js';
export { EMULATOR_USER, hubDomain, type TokenRequestLogEntry } from './oauth-routes.js';
export { isClosedWon, type Pipeline, type PipelineInput, type PipelineStage } from './pipelines.js';
export { type ObjectType, PortalState, type Properties } from './portal.js';
export {
  MAX_UNIQUE_VALUE_PROPERTIES,
  PROPERTY_NAME,
  type PropertyCatalog,
  type PropertyCreate,
  type PropertyDefinition,
  type PropertyGroup,
} from './property-catalog.js';
export { FIELD_TYPES_BY_TYPE, type FieldType, type PropertyType } from './property-types.js';
export { normalizeEmail } from './property-values.js';
export { type Policy, type PortalStats, TEN_SECONDS_MS } from './rate-limit.js';
export type { CrmRecord, HistoryEntry, RecordStore } from './records.js';
export * from './server.js';
export { AUTH_CODE_TTL_MS, type Grant, type TokenPair } from './tokens.js';
export * from './webhooks.js';

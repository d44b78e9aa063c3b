// Intake: platform events stored once in the inbox, then applied to the engine.
export * from './count-inbound-events.js';
export * from './ingest-inbound-event.js';
export * from './process-inbound-event.js';

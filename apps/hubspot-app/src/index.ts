export * from './card/to-card-payload.js';
export * from './deals/resolve-deal-event.js';
export * from './env.js';
export * from './hubspot/config.js';
export * from './hubspot/connections.js';
export * from './server.js';
export * from './webhooks/payloads.js';
export * from './webhooks/verify-signature.js';

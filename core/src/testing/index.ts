export * from './builders.js';
export * from './database.js';
export * from './deliver.js';
export * from './recording-crm-writer.js';
export * from './recording-issuer.js';

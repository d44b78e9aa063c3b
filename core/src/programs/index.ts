export * from './create-program.js';
export * from './find-any-program-id.js';
export * from './publish-program-version.js';
export * from './repository.js';
export * from './reward-rules.js';
export * from './rules.js';

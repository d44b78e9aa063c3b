// Test helpers other packages' tests use (the worker's end-to-end tests): never imported by the app.
export * from '../proxy/testing.js';
export * from './platform.js';

export * from './payload.js';
export * from './pixel-key.js';
export * from './route.js';
export * from './web-pixel-setup.js';

export * from './click-writer.js';
export * from './count-clicks.js';

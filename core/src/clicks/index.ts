export * from './click-writer.js';

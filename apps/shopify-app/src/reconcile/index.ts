export * from './fetch-recent-orders.js';
export * from './order-node.js';
export * from './order-to-events.js';
export * from './shopify-order-source.js';

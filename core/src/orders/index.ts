// Orders: the facts of each order the engine has seen, and its attribution signals.
export * from './list-reward-orders.js';
export * from './order-signals.js';
export * from './record-order.js';

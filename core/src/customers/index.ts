export type { CustomerRow } from './repository.js';
export { type CustomerIdentity, resolveCustomer } from './resolve-customer.js';

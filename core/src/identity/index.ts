export { maskEmail } from './mask-email.js';
export { maskAddressKey, maskCustomerId, maskIpHash, maskVisitorId } from './mask-identity.js';
export { type AddressInput, normalizeAddress } from './normalize-address.js';
export { emailDomain, normalizeEmail } from './normalize-email.js';

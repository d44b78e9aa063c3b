export * from './codes.js';
export * from './enroll-advocate.js';
export * from './find-advocate-link-code.js';
export * from './find-code-owner.js';
export * from './get-advocate-dashboard.js';
export * from './invite-friend.js';
export * from './list-referral-codes.js';
export * from './manage-codes.js';

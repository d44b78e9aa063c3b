export * from './codes.js';
export * from './enroll-advocate.js';
export * from './invite-friend.js';
export * from './manage-codes.js';

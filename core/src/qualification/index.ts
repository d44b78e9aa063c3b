// Qualification: deciding a referral (eligibility, fraud) and a reviewer's approve or reject.

export * from './describe-risk.js';
export * from './list-review-queue.js';
export * from './qualify-referral.js';
export { findAdvocateProfile } from './repository.js';
export * from './review-referral.js';

// Qualification: deciding a referral (eligibility, fraud) and a reviewer's approve or reject.
export * from './qualify-referral.js';
export * from './review-referral.js';

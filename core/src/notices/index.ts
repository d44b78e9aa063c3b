// Notices: what a platform notification says about a referral or reward.
export * from './load-platform-notices.js';

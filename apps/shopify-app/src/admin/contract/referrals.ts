// The referrals routes' request and response schemas (shared by the Express routes and the admin).
export {};

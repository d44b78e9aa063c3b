// The app's public origin (where apps/shopify-app serves /extensions/referrals), the same
// placeholder as application_url in ../../../shopify.app.toml: set it per app before
// `shopify app deploy`. The extension's network_access capability lets it call this origin.
export const APP_URL = 'https://referrals.example.com';

export { type ReferralSummary, referralSummarySchema } from './contract.js';
export {
  type ExtensionCaller,
  extensionTokenVerifier,
  type VerifyExtensionToken,
} from './extension-token.js';
export { type ExtensionApiDeps, extensionApiRouter } from './routes.js';

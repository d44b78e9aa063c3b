export * from './checkout.js';
export * from './cost.js';
export * from './function-runner.js';
export * from './jwt.js';
export {
  ID_TOKEN_TYPE,
  type OAuthApp,
  OFFLINE_TOKEN_TYPE,
  TOKEN_EXCHANGE_GRANT,
  type TokenRequestLogEntry,
} from './oauth.js';
export * from './schema.js';
export * from './server.js';
export * from './session-token.js';
export * from './store.js';
export { isLocalReturnUrl, THEME_EDITOR_PATH } from './theme-editor.js';
export { REFRESH_RETRY_WINDOW_MS } from './tokens.js';
export * from './webhooks.js';

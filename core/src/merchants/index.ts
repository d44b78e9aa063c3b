export * from './repository.js';
export * from './uninstall-merchant.js';

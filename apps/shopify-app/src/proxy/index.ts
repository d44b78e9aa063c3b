export { type ProxyDeps, proxyRouter } from './router.js';
export {
  type ProxySignatureCheck,
  type ProxySignatureFailure,
  type ProxySignatureOptions,
  proxySigningString,
  verifyProxySignature,
} from './verify-proxy-signature.js';

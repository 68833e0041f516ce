export { type RequestDevTokenOptions, requestDevToken } from './client/request-dev-token.js';
export { DevStackError, type DevStackErrorCode } from './errors.js';
export { type CiTokenOptions, githubActionsClaims } from './oidc/ci-claims.js';
export { SIGSTORE_CLIENT_ID } from './oidc/configuration.js';
export type { DevTokenRequest, DevTokenResponse } from './oidc/dev-token-endpoint.js';
export { isLoopbackRedirectUri } from './oidc/loopback-redirect.js';
export { DEV_TOKEN_LIFETIME_SECONDS } from './oidc/mint-token.js';
export type { ServiceJson, SigningConfigJson } from './stack/signing-config.js';
export {
  type DevStack,
  type DevStackOptions,
  SIGNING_CONFIG_FILE,
  startDevStack,
  TRUSTED_ROOT_FILE,
} from './stack/start.js';
export { type DevStackState, readStackState, STATE_FILE } from './stack/state.js';
export { type DevStackUrls, MOUNTS, TSA_TIMESTAMP_PATH } from './stack/urls.js';

/**
 * `@keyless/dev-stack/client`: what talks to a running stack from another process (for example
 * `keyless dev token`), without loading the servers.
 *
 * @module
 */

export { DevStackError, type DevStackErrorCode } from '../errors.js';
export type { DevTokenRequest, DevTokenResponse } from '../oidc/dev-token-endpoint.js';
export { type DevStackState, readStackState, STATE_FILE } from '../stack/state.js';
export { type RequestDevTokenOptions, requestDevToken } from './request-dev-token.js';

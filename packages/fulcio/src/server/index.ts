/**
 * `@keyless/fulcio/server`: a Fulcio-compatible certificate authority with an in-process CT log,
 * for local and test stacks. It exposes an HTTP handler and never listens by itself.
 *
 * @module
 */

export type { ServiceHandler } from '@keyless/core/server';
export {
  createFulcioServer,
  type FulcioServer,
  type FulcioServerOptions,
  type OidcIssuerOptions,
} from './create-server.js';

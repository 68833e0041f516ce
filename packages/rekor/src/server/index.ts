/**
 * `@keyless/rekor/server`: local Rekor-compatible transparency logs (API v1 and v2) over a
 * durable RFC 6962 storage engine. Handlers only; the host decides where they listen.
 *
 * @module
 */
export type { CanonicalEntry } from './canonical-entry.js';
export { canonicalJson } from './canonical-json.js';
export type { ServiceBase, ServiceHandler } from './http/types.js';
export {
  benchmarkLogStorage,
  type StorageBenchmarkOptions,
  type StorageBenchmarkResult,
} from './storage/benchmark.js';
export {
  type Appended,
  type AppendInput,
  LogStorage,
  type LogStorageOptions,
  type StoredEntry,
} from './storage/log-storage.js';
export { canonicalizeProposedEntry } from './v1/proposed-entry.js';
export { createRekorServer, type RekorServer, type RekorServerOptions, randomTreeId } from './v1/server.js';
export { canonicalizeCreateRequest } from './v2/create-request.js';
export { createRekorV2Server, type RekorV2Server, type RekorV2ServerOptions } from './v2/server.js';

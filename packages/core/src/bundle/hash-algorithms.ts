import type { HashAlgorithm } from './types.js';

/** Every protobuf-specs `HashAlgorithm` name this library reads, for validating input. */
export const HASH_ALGORITHMS: readonly HashAlgorithm[] = Object.freeze([
  'SHA2_256',
  'SHA2_384',
  'SHA2_512',
  'SHA3_256',
  'SHA3_384',
]);

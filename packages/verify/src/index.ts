export { createVerifier } from './create-verifier.js';
export { VerificationError, type VerificationErrorCode } from './errors.js';
export { preAuthEncoding } from './pipeline/signature.js';
export type * from './types.js';

export { IN_TOTO_STATEMENT_V1_TYPE, type InTotoSubject, inTotoStatement } from './content/in-toto.js';
export { PREDICATE_TYPE_ALIASES, predicateTypeUri } from './content/predicate-types.js';
export { SigningError, type SigningErrorCode } from './errors.js';
export { type IdentityTokenClaims, readTokenClaims } from './identity/token-claims.js';
export { writeBundleAtomically } from './output/write-bundle.js';
export type { CertifiedIdentity } from './pipeline/certificate.js';
export { createSigningPipeline } from './pipeline/create-pipeline.js';
export type {
  NamedArtifact,
  SigningPipeline,
  SigningPipelineOptions,
  SigningResult,
  SigningServices,
} from './pipeline/types.js';
export {
  type ServicesFromSigningConfigOptions,
  servicesFromSigningConfig,
} from './services/from-signing-config.js';
export { createEphemeralSigner } from './signer/ephemeral.js';
export { applyServiceOverrides, type ServiceOverrides } from './signing-config/overrides.js';
export {
  PRODUCTION_SIGNING_CONFIG_JSON,
  publicGoodSigningConfig,
  STAGING_SIGNING_CONFIG_JSON,
  stagingSigningConfig,
} from './signing-config/public-good.js';
export { readSigningConfigFile } from './signing-config/read-file.js';
export {
  type SelectedServices,
  SUPPORTED_API_VERSIONS,
  selectSigningServices,
} from './signing-config/select.js';

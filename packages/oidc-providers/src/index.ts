export { type OpenBrowser, openSystemBrowser } from './browser/open-browser.js';
export {
  AMBIENT_PROVIDER_ORDER,
  BUILTIN_PROVIDER_NAMES,
  type ChooseOidcProviderOptions,
  chooseOidcProvider,
} from './choose.js';
export type { PollClock } from './device/poll.js';
export { OidcError, type OidcErrorCode } from './errors.js';
export { discoverIssuer, type ProviderMetadata } from './oidc/discovery.js';
export { DEFAULT_CLIENT_ID, DEFAULT_SCOPE, type TextOutput } from './oidc/output.js';
export {
  BROWSER_PROVIDER_NAME,
  type BrowserProviderOptions,
  browserProvider,
  OOB_REDIRECT_URI,
} from './providers/browser.js';
export {
  BUILDKITE_AGENT_ENDPOINT,
  BUILDKITE_PROVIDER_NAME,
  type BuildkiteProviderOptions,
  buildkiteProvider,
} from './providers/buildkite.js';
export {
  CIRCLECI_PROVIDER_NAME,
  type CircleciProviderOptions,
  circleciProvider,
} from './providers/circleci.js';
export {
  DEVICE_CODE_GRANT_TYPE,
  DEVICE_FLOW_PROVIDER_NAME,
  type DeviceFlowProviderOptions,
  deviceFlowProvider,
} from './providers/device-flow.js';
export {
  ENVIRONMENT_PROVIDER_NAME,
  type Env,
  environmentTokenProvider,
  SIGSTORE_ID_TOKEN,
} from './providers/environment.js';
export {
  GITHUB_ACTIONS_PROVIDER_NAME,
  type GithubActionsProviderOptions,
  githubActionsProvider,
} from './providers/github-actions.js';
export { GITLAB_PROVIDER_NAME, type GitlabProviderOptions, gitlabProvider } from './providers/gitlab.js';
export {
  GOOGLE_CLOUD_PROVIDER_NAME,
  GOOGLE_METADATA_HOST,
  type GoogleCloudProviderOptions,
  googleCloudProvider,
  IAM_CREDENTIALS_URL,
} from './providers/google-cloud.js';
export {
  KUBERNETES_PROVIDER_NAME,
  KUBERNETES_TOKEN_FILE_ENV,
  KUBERNETES_TOKEN_PATH,
  type KubernetesProviderOptions,
  kubernetesProvider,
} from './providers/kubernetes.js';
export {
  parseWorkloadApiAddress,
  SPIFFE_ENDPOINT_SOCKET,
  SPIFFE_PROVIDER_NAME,
  type SpiffeProviderOptions,
  spiffeProvider,
} from './providers/spiffe.js';
export { STATIC_PROVIDER_NAME, staticTokenProvider } from './providers/static-token.js';
export { decodeTokenClaims, type TokenClaims } from './token/claims.js';
export { isJwtShaped } from './token/jwt-shape.js';
export { redactTokens } from './token/redact.js';
export { type IdTokenExpectations, verifyIdToken } from './token/verify-id-token.js';

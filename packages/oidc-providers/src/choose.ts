import type { OidcProvider } from '@keyless/core';
import { OidcError } from './errors.js';
import type { TextOutput } from './oidc/output.js';
import { BROWSER_PROVIDER_NAME, browserProvider } from './providers/browser.js';
import { BUILDKITE_PROVIDER_NAME, buildkiteProvider } from './providers/buildkite.js';
import { CIRCLECI_PROVIDER_NAME, circleciProvider } from './providers/circleci.js';
import { DEVICE_FLOW_PROVIDER_NAME, deviceFlowProvider } from './providers/device-flow.js';
import { ENVIRONMENT_PROVIDER_NAME, type Env, environmentTokenProvider } from './providers/environment.js';
import { GITHUB_ACTIONS_PROVIDER_NAME, githubActionsProvider } from './providers/github-actions.js';
import { GITLAB_PROVIDER_NAME, gitlabProvider } from './providers/gitlab.js';
import { GOOGLE_CLOUD_PROVIDER_NAME, googleCloudProvider } from './providers/google-cloud.js';
import { KUBERNETES_PROVIDER_NAME, kubernetesProvider } from './providers/kubernetes.js';
import { SPIFFE_PROVIDER_NAME, spiffeProvider } from './providers/spiffe.js';
import { STATIC_PROVIDER_NAME, staticTokenProvider } from './providers/static-token.js';

/**
 * The order in which ambient providers are asked `detect()`. CI systems come first: their
 * variables are unambiguous, and a CI job that also runs on Kubernetes or Google Cloud (a GitLab
 * runner on GKE, say) should sign as the pipeline, not as the machine. Then the sources that are
 * configured on purpose (a projected Kubernetes token file, a SPIFFE socket), and Google Cloud
 * last, because any GCE VM looks like one.
 */
export const AMBIENT_PROVIDER_ORDER = [
  GITHUB_ACTIONS_PROVIDER_NAME,
  GITLAB_PROVIDER_NAME,
  BUILDKITE_PROVIDER_NAME,
  CIRCLECI_PROVIDER_NAME,
  KUBERNETES_PROVIDER_NAME,
  SPIFFE_PROVIDER_NAME,
  GOOGLE_CLOUD_PROVIDER_NAME,
] as const;

/** Every built-in provider name `chooseOidcProvider({ name })` accepts. */
export const BUILTIN_PROVIDER_NAMES = [
  STATIC_PROVIDER_NAME,
  ENVIRONMENT_PROVIDER_NAME,
  ...AMBIENT_PROVIDER_ORDER,
  BROWSER_PROVIDER_NAME,
  DEVICE_FLOW_PROVIDER_NAME,
] as const;

/** Options of {@link chooseOidcProvider}. */
export interface ChooseOidcProviderOptions {
  /** A provider by name (`--oidc-provider`): a built-in or one of `extraProviders`. */
  name?: string;
  /** A token, or the path of a file holding one (`--identity-token`). */
  identityToken?: string;
  /** Do not look for ambient CI or cloud credentials. */
  disableAmbient?: boolean;
  /** Whether a person is at the terminal (stdin and stdout are TTYs): browser rather than device flow. */
  interactive: boolean;
  /** The OpenID issuer of the interactive flows. */
  issuer: string;
  /** Client ID of the interactive flows. Default `sigstore`. */
  clientId?: string;
  /** Providers contributed by plugins; they may replace a built-in of the same name. */
  extraProviders?: OidcProvider[];
  /** Where variables are read. Default `process.env`. */
  env?: Env;
  /** Where the interactive flows print instructions. Default `process.stderr`. */
  output?: TextOutput;
}

function ambientProvider(name: (typeof AMBIENT_PROVIDER_ORDER)[number], env: Env): OidcProvider {
  switch (name) {
    case GITHUB_ACTIONS_PROVIDER_NAME:
      return githubActionsProvider({ env });
    case GITLAB_PROVIDER_NAME:
      return gitlabProvider({ env });
    case BUILDKITE_PROVIDER_NAME:
      return buildkiteProvider({ env });
    case CIRCLECI_PROVIDER_NAME:
      return circleciProvider({ env });
    case KUBERNETES_PROVIDER_NAME:
      return kubernetesProvider({ env });
    case SPIFFE_PROVIDER_NAME:
      return spiffeProvider({ env });
    case GOOGLE_CLOUD_PROVIDER_NAME:
      return googleCloudProvider({ env });
  }
}

function builtinProvider(
  name: string,
  options: ChooseOidcProviderOptions,
  env: Env,
): OidcProvider | undefined {
  const interactive = {
    issuer: options.issuer,
    ...(options.clientId && { clientId: options.clientId }),
    ...(options.output && { output: options.output }),
  };
  if (name === STATIC_PROVIDER_NAME) {
    if (options.identityToken === undefined) {
      throw new OidcError(
        'ERR_PROVIDER_UNAVAILABLE',
        'the static provider needs an identity token or token file',
      );
    }
    return staticTokenProvider(options.identityToken);
  }
  if (name === ENVIRONMENT_PROVIDER_NAME) return environmentTokenProvider(env);
  if (name === BROWSER_PROVIDER_NAME) return browserProvider(interactive);
  if (name === DEVICE_FLOW_PROVIDER_NAME) return deviceFlowProvider(interactive);
  const ambient = AMBIENT_PROVIDER_ORDER.find((n) => n === name);
  return ambient && ambientProvider(ambient, env);
}

/**
 * Picks the OIDC provider for a signing, in this order:
 *
 * 1. `name`, when given: that provider (plugin providers first, then built-ins), detected or not;
 *    an unknown name is `ERR_PROVIDER_UNKNOWN`, listing the known ones.
 * 2. `identityToken` (a JWT or a file path): {@link staticTokenProvider}.
 * 3. `SIGSTORE_ID_TOKEN` in the environment: {@link environmentTokenProvider}.
 * 4. Unless `disableAmbient`: the first plugin provider whose `detect()` is true, then the first
 *    built-in in {@link AMBIENT_PROVIDER_ORDER} whose `detect()` is true.
 * 5. The browser flow when `interactive`, else the device flow, at `issuer`.
 *
 * Nothing is requested yet: the chosen provider's `getToken` does that.
 *
 * @example
 * ```ts
 * const provider = await chooseOidcProvider({
 *   issuer: 'https://oauth2.sigstore.dev/auth',
 *   interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
 * });
 * const token = await provider.getToken({ audience: 'sigstore' });
 * ```
 */
export async function chooseOidcProvider(options: ChooseOidcProviderOptions): Promise<OidcProvider> {
  const env = options.env ?? process.env;
  const extra = options.extraProviders ?? [];
  if (options.name !== undefined) {
    const wanted = options.name.trim();
    const chosen = extra.find((p) => p.name === wanted) ?? builtinProvider(wanted, options, env);
    if (chosen) return chosen;
    const known = [...new Set([...BUILTIN_PROVIDER_NAMES, ...extra.map((p) => p.name)])];
    throw new OidcError(
      'ERR_PROVIDER_UNKNOWN',
      `unknown OIDC provider "${wanted}"; known: ${known.join(', ')}`,
    );
  }
  if (options.identityToken !== undefined && options.identityToken.trim() !== '') {
    return staticTokenProvider(options.identityToken);
  }
  const environment = environmentTokenProvider(env);
  if (await environment.detect?.()) return environment;
  if (!options.disableAmbient) {
    for (const provider of extra) {
      if (provider.detect && (await provider.detect())) return provider;
    }
    for (const name of AMBIENT_PROVIDER_ORDER) {
      const provider = ambientProvider(name, env);
      if (await provider.detect?.()) return provider;
    }
  }
  return builtinProvider(
    options.interactive ? BROWSER_PROVIDER_NAME : DEVICE_FLOW_PROVIDER_NAME,
    options,
    env,
  )!;
}

import { readFile } from 'node:fs/promises';
import type { OidcProvider } from '@keyless/core';
import type { HttpClient, HttpClientOptions } from '@keyless/core/http';
import { OidcError } from '../errors.js';
import { providerFailure, withHttpClient } from '../oidc/http.js';
import { acceptToken } from '../token/accept.js';
import type { Env } from './environment.js';

/** Name of {@link googleCloudProvider}. */
export const GOOGLE_CLOUD_PROVIDER_NAME = 'google-cloud';

/** The metadata server's host name on every Google Cloud VM, GKE node and serverless runtime. */
export const GOOGLE_METADATA_HOST = 'metadata.google.internal';

/** The IAM Service Account Credentials API, used to mint a token as another service account. */
export const IAM_CREDENTIALS_URL = 'https://iamcredentials.googleapis.com/v1';

/** Variables that only Google Cloud runtimes (or an explicit choice) set. */
const GOOGLE_ENV_HINTS = [
  'GOOGLE_SERVICE_ACCOUNT_NAME',
  'GCE_METADATA_HOST',
  'K_SERVICE',
  'CLOUD_RUN_JOB',
  'FUNCTION_TARGET',
];

/** Where a Google Cloud VM (GCE, and so GKE nodes) names its maker; readable from containers too. */
const DMI_FILES = ['/sys/class/dmi/id/product_name', '/sys/class/dmi/id/bios_vendor'];

/** Options of {@link googleCloudProvider}. */
export interface GoogleCloudProviderOptions {
  /** Where variables are read. Default `process.env`. */
  env?: Env;
  /**
   * Service account to impersonate (IAM `generateIdToken`, as the VM's own account). Default
   * `GOOGLE_SERVICE_ACCOUNT_NAME`; unset means the VM's default service account's own token.
   */
  serviceAccount?: string;
  /** Settings of the HTTP clients (timeouts, retries). */
  http?: HttpClientOptions;
  /** Files whose text names Google on a GCE VM; tests point them elsewhere. */
  dmiFiles?: string[];
}

const METADATA_HEADERS = { 'metadata-flavor': 'Google' };

async function onGoogleHardware(files: string[]): Promise<boolean> {
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text.includes('Google')) return true;
  }
  return false;
}

/**
 * GETs a metadata path and checks the answer carries `Metadata-Flavor: Google`, which only the
 * real metadata server sends (a captive portal or proxy answering instead would not).
 */
async function metadataGet(http: HttpClient, base: string, path: string, signal?: AbortSignal) {
  const response = await http.request({
    url: `${base}${path}`,
    headers: METADATA_HEADERS,
    ...(signal && { signal }),
  });
  if (response.headers.get('metadata-flavor') !== 'Google') {
    throw new OidcError(
      'ERR_PROVIDER_FAILED',
      `${GOOGLE_CLOUD_PROVIDER_NAME}: ${base.split('/computeMetadata')[0]} answered without Metadata-Flavor: Google; it is not a metadata server`,
    );
  }
  return response;
}

/**
 * The identity token of the Google Cloud workload this runs in (GCE, GKE with Workload Identity,
 * Cloud Run, Cloud Functions, Cloud Build), from the metadata server:
 * `GET http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/identity?audience=<aud>&format=full`
 * with `Metadata-Flavor: Google`. With `GOOGLE_SERVICE_ACCOUNT_NAME` (or `serviceAccount`), the
 * token is minted for that account instead: the metadata server's access token for the default
 * account calls IAM Credentials `projects/-/serviceAccounts/<name>:generateIdToken` (the default
 * account needs `roles/iam.serviceAccountOpenIdTokenCreator` on it).
 *
 * Plain HTTP: the metadata server speaks only HTTP, on a link-local address that never leaves
 * the machine. It is the one host Keyless talks to without TLS, and only with this provider:
 * the client that may use plain HTTP is made here and is used for no other URL.
 * `GCE_METADATA_HOST` overrides the host (an emulator, say), as in Google's own libraries.
 *
 * `detect()` is true when a Google Cloud runtime variable is set (`K_SERVICE`, `CLOUD_RUN_JOB`,
 * `FUNCTION_TARGET`, `GCE_METADATA_HOST`, `GOOGLE_SERVICE_ACCOUNT_NAME`) or the machine's DMI
 * data names Google (GCE VMs and GKE nodes); it sends no request.
 *
 * @example
 * ```ts
 * const token = await googleCloudProvider().getToken({ audience: 'sigstore' });
 * ```
 */
export function googleCloudProvider(options: GoogleCloudProviderOptions = {}): OidcProvider {
  const env = options.env ?? process.env;
  const name = GOOGLE_CLOUD_PROVIDER_NAME;
  return {
    name,
    async detect() {
      if (GOOGLE_ENV_HINTS.some((key) => (env[key] ?? '') !== '')) return true;
      return onGoogleHardware(options.dmiFiles ?? DMI_FILES);
    },
    async getToken({ audience, signal }) {
      const host = env.GCE_METADATA_HOST || GOOGLE_METADATA_HOST;
      const base = `http://${host}/computeMetadata/v1/instance/service-accounts/default`;
      const serviceAccount = options.serviceAccount ?? env.GOOGLE_SERVICE_ACCOUNT_NAME;
      const metadataOptions: HttpClientOptions = {
        service: 'GCP metadata server',
        timeoutMs: 10_000,
        ...options.http,
        // The documented exception to the HTTPS rule; see above.
        allowInsecureHttp: true,
      };
      try {
        if (!serviceAccount) {
          const query = new URLSearchParams({ audience, format: 'full' });
          const response = await withHttpClient(metadataOptions, (http) =>
            metadataGet(http, base, `/identity?${query}`, signal),
          );
          return acceptToken(response.text(), name, { audience });
        }
        const access = await withHttpClient(metadataOptions, async (http) =>
          (await metadataGet(http, base, '/token', signal)).json<{ access_token?: unknown }>(),
        );
        if (typeof access?.access_token !== 'string' || access.access_token === '') {
          throw new OidcError('ERR_PROVIDER_FAILED', `${name}: the metadata server returned no access token`);
        }
        const accessToken = access.access_token;
        const url = `${IAM_CREDENTIALS_URL}/projects/-/serviceAccounts/${encodeURIComponent(serviceAccount)}:generateIdToken`;
        const minted = await withHttpClient(
          { service: 'IAM Credentials', ...options.http, allowInsecureHttp: false },
          (http) =>
            http.postJson<{ token?: unknown }>(
              url,
              { audience, includeEmail: true },
              {
                headers: { authorization: `Bearer ${accessToken}` },
                idempotent: true,
                ...(signal && { signal }),
              },
            ),
        );
        return acceptToken(minted?.token, `${name} (as ${serviceAccount})`, { audience });
      } catch (err) {
        throw providerFailure(name, err, signal);
      }
    },
  };
}

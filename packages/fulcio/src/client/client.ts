import type { KeyObject } from 'node:crypto';
import { CoreError, encodeBase64, encodePem, importSpki, type PreparedTrustedRoot } from '@keyless/core';
import type { HttpClient } from '@keyless/core/http';
import { FulcioError } from '../errors.js';
import { parseCertificationRequest } from '../protocol/csr.js';
import type {
  ConfigurationJson,
  CreateSigningCertificateRequestJson,
  PublicKeyAlgorithm,
  TrustBundleJson,
} from '../protocol/types.js';
import { parsePemChain, parseSigningCertificateResponse } from './response.js';
import { verifyIssuedChain } from './verify-chain.js';

export interface FulcioClientOptions {
  /** Fulcio's base URL, e.g. `https://fulcio.sigstore.dev` (the API paths are appended). */
  baseUrl: string;
  /** The HTTP client to use; default: a new one named `Fulcio` (closed by `close()`). */
  http?: HttpClient;
  /** When given, every issued chain is checked against it (CA and SCT) before it is returned. */
  trust?: PreparedTrustedRoot;
}

/** What to certify: a public key with its proof of possession, or a PKCS#10 CSR. */
export type FulcioCertificateRequest = (
  | {
      identityToken: string;
      /** DER SubjectPublicKeyInfo. */
      publicKey: Uint8Array;
      /** Signature by the key over the token's email (email identities) or its `sub`. */
      proofOfPossession: Uint8Array;
    }
  | {
      identityToken: string;
      /** DER PKCS#10 certificate signing request, signed by the key to certify. */
      csr: Uint8Array;
    }
) & { signal?: AbortSignal };

export interface FulcioClient {
  /**
   * Asks Fulcio (`POST /api/v2/signingCert`) for a code-signing certificate and resolves to its
   * DER chain, leaf first. Throws `FulcioError`: `ERR_FULCIO_REQUEST_FAILED`,
   * `ERR_FULCIO_RESPONSE_INVALID`, and with `trust` also `ERR_FULCIO_CHAIN_UNTRUSTED` or an
   * `ERR_SCT_*` code.
   */
  requestCertificate(request: FulcioCertificateRequest): Promise<Uint8Array[]>;
  /** `GET /api/v2/configuration`: the issuers Fulcio accepts. */
  getConfiguration(options?: { signal?: AbortSignal }): Promise<ConfigurationJson>;
  /** `GET /api/v2/trustBundle`: Fulcio's CA chains, DER, each leaf-most first. */
  getTrustBundle(options?: { signal?: AbortSignal }): Promise<Uint8Array[][]>;
  /** Closes the HTTP client when this client created it. */
  close(): Promise<void>;
}

function algorithmOf(key: KeyObject): PublicKeyAlgorithm {
  if (key.asymmetricKeyType === 'ec') return 'ECDSA';
  if (key.asymmetricKeyType === 'ed25519') return 'ED25519';
  return 'PUBLIC_KEY_ALGORITHM_UNSPECIFIED';
}

function requestFailed(error: unknown): never {
  if (error instanceof CoreError)
    throw new FulcioError('ERR_FULCIO_REQUEST_FAILED', error.message, { cause: error });
  throw error;
}

function invalidInput(message: string, cause?: unknown): never {
  throw new FulcioError('ERR_FULCIO_BAD_REQUEST', message, { cause });
}

/** The key to certify and the request body that asks for it. */
function buildRequest(request: FulcioCertificateRequest): {
  key: KeyObject;
  body: CreateSigningCertificateRequestJson;
} {
  const credentials = { oidcIdentityToken: request.identityToken };
  if ('csr' in request) {
    let key: KeyObject;
    try {
      key = importSpki(parseCertificationRequest(request.csr).subjectPublicKeyInfo);
    } catch (cause) {
      return invalidInput('csr is not a DER PKCS#10 certificate signing request with a supported key', cause);
    }
    const pem = encodePem('CERTIFICATE REQUEST', request.csr);
    return {
      key,
      body: { credentials, certificateSigningRequest: encodeBase64(new TextEncoder().encode(pem)) },
    };
  }
  let key: KeyObject;
  try {
    key = importSpki(request.publicKey);
  } catch (cause) {
    return invalidInput('publicKey is not a DER SubjectPublicKeyInfo', cause);
  }
  return {
    key,
    body: {
      credentials,
      publicKeyRequest: {
        publicKey: { algorithm: algorithmOf(key), content: encodePem('PUBLIC KEY', request.publicKey) },
        proofOfPossession: encodeBase64(request.proofOfPossession),
      },
    },
  };
}

/**
 * A client for Fulcio's API v2 over `@keyless/core/http` (timeouts, retries on 5xx and 429,
 * errors naming Fulcio and what it said).
 *
 * @example
 * ```ts
 * const fulcio = createFulcioClient({ baseUrl: 'https://fulcio.sigstore.dev', trust });
 * const [leaf, ...chain] = await fulcio.requestCertificate({ identityToken, publicKey, proofOfPossession });
 * ```
 */
export function createFulcioClient(options: FulcioClientOptions): FulcioClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  // Loaded on first use, so that importing this package for verification never loads an HTTP stack.
  let http: Promise<HttpClient> | undefined = options.http && Promise.resolve(options.http);
  const getHttp = () => {
    http ??= import('@keyless/core/http').then(({ createHttpClient }) =>
      createHttpClient({ service: 'Fulcio' }),
    );
    return http;
  };
  const ownsHttp = options.http === undefined;

  return {
    async requestCertificate(request) {
      const { key, body } = buildRequest(request);
      let response: unknown;
      try {
        // Asking again after a lost answer only issues another short-lived certificate.
        response = await (await getHttp()).postJson(`${baseUrl}/api/v2/signingCert`, body, {
          idempotent: true,
          ...(request.signal ? { signal: request.signal } : {}),
        });
      } catch (error) {
        requestFailed(error);
      }
      const issued = parseSigningCertificateResponse(response);
      const leaf = issued.certificates[0]!;
      if (!importSpki(leaf.subjectPublicKeyInfo).equals(key)) {
        throw new FulcioError(
          'ERR_FULCIO_RESPONSE_INVALID',
          'Fulcio: issued a certificate for another public key',
        );
      }
      if (options.trust) {
        if (issued.sct === 'detached') {
          throw new FulcioError(
            'ERR_SCT_MISSING',
            'Fulcio: returned the SCT detached from the certificate; only embedded SCTs can be checked',
          );
        }
        verifyIssuedChain(issued.certificates, options.trust);
      }
      return issued.certificates.map((cert) => cert.der);
    },

    async getConfiguration(init = {}) {
      try {
        return await (await getHttp()).getJson<ConfigurationJson>(`${baseUrl}/api/v2/configuration`, init);
      } catch (error) {
        return requestFailed(error);
      }
    },

    async getTrustBundle(init = {}) {
      let bundle: TrustBundleJson;
      try {
        bundle = await (await getHttp()).getJson<TrustBundleJson>(`${baseUrl}/api/v2/trustBundle`, init);
      } catch (error) {
        return requestFailed(error);
      }
      if (!Array.isArray(bundle?.chains)) {
        throw new FulcioError('ERR_FULCIO_RESPONSE_INVALID', 'Fulcio: trustBundle response has no chains');
      }
      return bundle.chains.map((chain) =>
        parsePemChain(chain?.certificates, 'trustBundle response').map((cert) => cert.der),
      );
    },

    async close() {
      if (ownsHttp && http) await (await http).close();
    },
  };
}

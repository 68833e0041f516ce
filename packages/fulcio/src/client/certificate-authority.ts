import type { CertificateAuthorityClient } from '@keyless/core';
import { createFulcioClient, type FulcioClientOptions } from './client.js';

/**
 * Fulcio as the signing pipeline's certificate authority (core's `CertificateAuthorityClient`):
 * `issueCertificate` asks Fulcio for a certificate for the request's key and proof of possession.
 *
 * @example
 * ```ts
 * const ca = createFulcioCertificateAuthority({ baseUrl: 'https://fulcio.sigstore.dev', trust });
 * const [leaf] = await ca.issueCertificate({ identityToken, publicKey, proofOfPossession });
 * ```
 */
export function createFulcioCertificateAuthority(
  options: FulcioClientOptions & { name?: string },
): CertificateAuthorityClient {
  const client = createFulcioClient(options);
  return {
    name: options.name ?? 'fulcio',
    issueCertificate: (request) => client.requestCertificate(request),
  };
}

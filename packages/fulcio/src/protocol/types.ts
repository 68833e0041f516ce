/**
 * Fulcio API v2 wire types (protobuf-specs `fulcio.proto`, package `dev.sigstore.fulcio.v2`) in
 * their JSON mapping: camelCase names, `bytes` as standard base64.
 */

/** `PublicKeyAlgorithm`; Fulcio reads the key itself and only uses this as a hint. */
export type PublicKeyAlgorithm = 'PUBLIC_KEY_ALGORITHM_UNSPECIFIED' | 'RSA_PSS' | 'ECDSA' | 'ED25519';

/** `POST /api/v2/signingCert` request body. */
export interface CreateSigningCertificateRequestJson {
  /** May be left out when the token travels in an `Authorization: Bearer` header instead. */
  credentials?: { oidcIdentityToken: string };
  /** The key and its proof of possession; exclusive with `certificateSigningRequest`. */
  publicKeyRequest?: {
    /** `content` is the PEM SubjectPublicKeyInfo. */
    publicKey: { algorithm?: PublicKeyAlgorithm; content: string };
    /** Base64 signature by the key over the token's email (email identities) or `sub`. */
    proofOfPossession: string;
  };
  /** Base64 of a PEM PKCS#10 request, whose self-signature is the proof of possession. */
  certificateSigningRequest?: string;
}

/** A chain of PEM certificates, leaf first, root last. */
export interface CertificateChainJson {
  certificates: string[];
}

/** `POST /api/v2/signingCert` response body: one of the two members. */
export interface SigningCertificateJson {
  signedCertificateEmbeddedSct?: { chain: CertificateChainJson };
  signedCertificateDetachedSct?: { chain: CertificateChainJson; signedCertificateTimestamp?: string };
}

/** `GET /api/v2/trustBundle` response body. */
export interface TrustBundleJson {
  chains: CertificateChainJson[];
}

/** One issuer in `GET /api/v2/configuration`. */
export interface OidcIssuerJson {
  issuerUrl?: string;
  wildcardIssuerUrl?: string;
  audience: string;
  spiffeTrustDomain?: string;
  /** The claim the proof of possession signs: `email`, or `sub`. */
  challengeClaim: string;
}

/** `GET /api/v2/configuration` response body. */
export interface ConfigurationJson {
  issuers: OidcIssuerJson[];
}

/** The JSON error body of the Fulcio HTTP gateway. */
export interface FulcioErrorJson {
  code: number;
  message: string;
}

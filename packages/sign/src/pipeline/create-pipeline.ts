import {
  type BundleContent,
  DSSE_INTOTO_PAYLOAD_TYPE,
  type PreparedTrustedRoot,
  type ProposedEntry,
  parseTrustedRoot,
  prepareTrustedRoot,
  type Signer,
  sha256,
  type TrustedRootJson,
  type TrustRootSource,
  toHex,
} from '@keyless/core';
import { preAuthEncoding } from '@keyless/rekor';
import { createVerifier, type VerificationInput, type Verifier } from '@keyless/verify';
import { firstSubjectDigest, inTotoStatement } from '../content/in-toto.js';
import { SigningError } from '../errors.js';
import { proofOfPossessionChallenge, readTokenClaims } from '../identity/token-claims.js';
import { servicesFromSigningConfig } from '../services/from-signing-config.js';
import { createEphemeralSigner } from '../signer/ephemeral.js';
import { assembleBundle } from './bundle.js';
import { type CheckedCertificate, checkIssuedCertificate } from './certificate.js';
import { verifyOwnBundle } from './self-verify.js';
import { serviceFailure } from './service-failure.js';
import type { SigningPipeline, SigningPipelineOptions, SigningResult, SigningServices } from './types.js';
import { witness } from './witness.js';

/** A certificate this close to expiring is replaced before signing with it. */
const CERTIFICATE_MARGIN_MS = 60_000;

/** CA errors that mean "the certificate is not trustworthy" rather than "the CA failed". */
const UNTRUSTED_CERTIFICATE_CODES = new Set([
  'ERR_FULCIO_CHAIN_UNTRUSTED',
  'ERR_SCT_MISSING',
  'ERR_SCT_INVALID',
  'ERR_SCT_UNKNOWN_LOG',
]);

function isTrustRootSource(value: TrustedRootJson | TrustRootSource): value is TrustRootSource {
  return typeof (value as TrustRootSource).getTrustedRoot === 'function';
}

/** One signature's worth of work, before it is witnessed and bundled. */
interface Signed {
  content: BundleContent;
  entry: ProposedEntry;
  signature: Uint8Array;
  input: VerificationInput;
}

/**
 * Builds a signing pipeline. Every signature follows one template:
 *
 * 1. **prepare** — ask the OIDC provider for a token (audience `sigstore`), prove possession of the
 *    signer's key to the CA and get a certificate; check its chain and SCT against the trusted
 *    root and that it names the token's identity. Done once and reused for later signatures
 *    until the certificate nears its end.
 * 2. **sign** — the artifact, payload or DSSE pre-authentication encoding.
 * 3. **witness** — every transparency log and every timestamp authority, in parallel.
 * 4. **bundle** — a Sigstore bundle v0.3.
 * 5. **verify** — the bundle with `@keyless/verify` against the trusted root and the certified
 *    identity; only a bundle that verifies is returned.
 *
 * Creating the pipeline loads the trusted root and picks the services (so a bad signing config
 * fails here, before any token is requested). Every failure is a `SigningError` whose message
 * names the service that failed.
 *
 * @example
 * ```ts
 * import { createSigningPipeline, publicGoodSigningConfig } from '@keyless/sign';
 * import { publicGoodTrustRoot } from '@keyless/trust';
 *
 * const pipeline = await createSigningPipeline({
 *   signingConfig: publicGoodSigningConfig(),
 *   trustedRoot: publicGoodTrustRoot(),
 *   oidcProvider: { name: 'env', getToken: async () => process.env.SIGSTORE_ID_TOKEN! },
 * });
 * const { bundle } = await pipeline.signBlob(await readFile('app.tgz'));
 * ```
 */
export async function createSigningPipeline(options: SigningPipelineOptions): Promise<SigningPipeline> {
  const now = options.now ?? (() => new Date());
  const trustedRootJson = isTrustRootSource(options.trustedRoot)
    ? await options.trustedRoot.getTrustedRoot(options.signal ? { signal: options.signal } : {})
    : options.trustedRoot;
  const trust: PreparedTrustedRoot = prepareTrustedRoot(parseTrustedRoot(trustedRootJson));
  const services = resolveServices(options, trust, now());
  const verifier: Verifier = await createVerifier({ trustedRoot: trustedRootJson, now });
  const signer: Signer = options.signer ?? createEphemeralSigner();
  const audience = options.audience ?? 'sigstore';
  const { signal } = options;

  let prepared: Promise<CheckedCertificate> | undefined;

  async function certify(): Promise<CheckedCertificate> {
    const provider = options.oidcProvider;
    let token: string;
    try {
      token = await provider.getToken({ audience, ...(signal ? { signal } : {}) });
    } catch (error) {
      throw serviceFailure('ERR_IDENTITY_TOKEN', `OIDC provider ${provider.name}`, error);
    }
    if (typeof token !== 'string' || token.trim() === '') {
      throw new SigningError('ERR_IDENTITY_TOKEN', `OIDC provider ${provider.name} returned no token`);
    }
    const claims = readTokenClaims(token);
    const challenge = new TextEncoder().encode(proofOfPossessionChallenge(claims));
    const proofOfPossession = await signWith(signer, challenge);
    const ca = services.certificateAuthority;
    let chain: Uint8Array[];
    try {
      chain = await ca.issueCertificate({
        identityToken: token.trim(),
        publicKey: signer.publicKey,
        proofOfPossession,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const untrusted = typeof code === 'string' && UNTRUSTED_CERTIFICATE_CODES.has(code);
      throw serviceFailure(
        untrusted ? 'ERR_CERTIFICATE_UNTRUSTED' : 'ERR_CERTIFICATE_AUTHORITY',
        ca.name,
        error,
      );
    }
    return checkIssuedCertificate(ca.name, chain, signer.publicKey, claims, trust, now());
  }

  /** The certificate to sign with: the one obtained before, unless it is about to expire. */
  async function prepare(): Promise<CheckedCertificate> {
    const current = prepared;
    if (current) {
      // Concurrent callers share one attempt, and its failure.
      const certificate = await current;
      if (certificate.leaf.notAfter.getTime() - now().getTime() > CERTIFICATE_MARGIN_MS) return certificate;
      if (prepared !== current) return prepare();
    }
    const attempt = certify();
    prepared = attempt;
    // A failed attempt is not kept: the next call asks again.
    attempt.catch(() => {
      if (prepared === attempt) prepared = undefined;
    });
    return attempt;
  }

  async function finish(certificate: CheckedCertificate, signed: Signed): Promise<SigningResult> {
    const witnessed = await witness(
      signed.entry,
      signed.signature,
      services.transparencyLogs,
      services.timestampAuthorities,
      trust.tlogs,
      signal,
    );
    const bundle = assembleBundle(certificate.leaf.der, signed.content, witnessed);
    const verification = await verifyOwnBundle(verifier, bundle, signed.input, certificate.identity);
    return { bundle, certificateChain: certificate.chain, identity: certificate.identity, verification };
  }

  async function signMessage(payload: Uint8Array): Promise<SigningResult> {
    const certificate = await prepare();
    const digest = sha256(payload);
    const signature = await signWith(signer, payload);
    return finish(certificate, {
      content: {
        type: 'messageSignature',
        messageSignature: { messageDigest: { algorithm: 'SHA2_256', digest }, signature },
      },
      entry: {
        kind: 'hashedrekord',
        digest: { algorithm: 'SHA2_256', digest },
        signature,
        verifier: { type: 'certificate', der: certificate.leaf.der },
      },
      signature,
      input: { digest: `sha256:${toHex(digest)}` },
    });
  }

  async function signDsse(payload: Uint8Array, payloadType: string): Promise<SigningResult> {
    if (payloadType.trim() === '')
      throw new SigningError('ERR_INVALID_INPUT', 'the DSSE payload type is empty');
    // Learn what to verify against before anything is signed or logged.
    const input: VerificationInput =
      payloadType === DSSE_INTOTO_PAYLOAD_TYPE
        ? { digest: firstSubjectDigest(payload) }
        : { artifact: payload };
    const certificate = await prepare();
    const signature = await signWith(signer, preAuthEncoding(payloadType, payload));
    const envelope = { payload, payloadType, signatures: [{ sig: signature, keyid: '' }] };
    return finish(certificate, {
      content: { type: 'dsseEnvelope', dsseEnvelope: envelope },
      entry: { kind: 'dsse', envelope, verifier: { type: 'certificate', der: certificate.leaf.der } },
      signature,
      input,
    });
  }

  return {
    signBlob: signMessage,
    signMessage,
    signDsse,
    async attestBlob(artifact, predicate, predicateType) {
      const subject = { name: artifact.name, digest: { sha256: toHex(sha256(artifact.bytes)) } };
      return signDsse(inTotoStatement([subject], predicateType, predicate), DSSE_INTOTO_PAYLOAD_TYPE);
    },
  };
}

/** The services to use: the signing config's, with the caller's replacements and extra TSAs. */
function resolveServices(
  options: SigningPipelineOptions,
  trust: PreparedTrustedRoot,
  now: Date,
): SigningServices {
  const given = options.services ?? {};
  const complete =
    given.certificateAuthority &&
    given.transparencyLogs &&
    given.timestampAuthorities &&
    given.timestampRequired !== undefined;
  const fromConfig = complete ? undefined : servicesFromSigningConfig(options.signingConfig, { now, trust });
  const services: SigningServices = {
    certificateAuthority: given.certificateAuthority ?? fromConfig!.certificateAuthority,
    transparencyLogs: given.transparencyLogs ?? fromConfig!.transparencyLogs,
    timestampAuthorities: [
      ...(given.timestampAuthorities ?? fromConfig!.timestampAuthorities),
      ...(options.timestampSources ?? []),
    ],
    // The config's answer is about the config's logs; logs given instead are the caller's to judge.
    timestampRequired:
      given.timestampRequired ?? (given.transparencyLogs ? false : fromConfig!.timestampRequired),
  };
  if (services.transparencyLogs.length === 0) {
    throw new SigningError('ERR_SIGNING_CONFIG', 'no transparency log to record the signature in');
  }
  if (services.timestampRequired && services.timestampAuthorities.length === 0) {
    throw new SigningError(
      'ERR_SIGNING_CONFIG',
      `${services.transparencyLogs.map((log) => log.name).join(', ')} records no integrated time, so a timestamp authority is required: list one in the signing config (tsaUrls) or give a timestamp server URL`,
    );
  }
  return services;
}

async function signWith(signer: Signer, data: Uint8Array): Promise<Uint8Array> {
  try {
    return await signer.sign(data);
  } catch (error) {
    throw serviceFailure('ERR_SIGNER', `signer ${signer.name}`, error);
  }
}

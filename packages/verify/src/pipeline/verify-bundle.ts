import { type Bundle, parseBundle, type VerifiedTimestamp } from '@keyless/core';
import { VerificationError } from '../errors.js';
import { assertIdentity, assertIdentityPolicy } from '../policy/identity.js';
import { CheckLog } from '../result.js';
import type { TrustMaterial } from '../trust-material.js';
import type { SignerInfo, VerificationInput, VerificationPolicy, VerificationResult } from '../types.js';
import { Artifact } from './artifact.js';
import { assertChainValidAt, findIssuingAuthorities } from './certificate-chain.js';
import { assertCodeSigningCertificate } from './certificate-usage.js';
import { verifyContent } from './content.js';
import { assertScts } from './sct.js';
import { resolveSigner } from './signer.js';
import { verifyRfc3161Timestamps } from './timestamps.js';
import { verifyTlogEntries } from './tlog.js';

export interface Thresholds {
  tlog: number;
  ctlog: number;
  timestamp: number;
}

function parse(bundleJson: unknown): Bundle {
  try {
    return parseBundle(bundleJson);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new VerificationError('ERR_BUNDLE_INVALID', message, { cause });
  }
}

/** The times at which the certificate must have been valid, per the thresholds. */
function signingTimes(verified: VerifiedTimestamp[], threshold: number, now: Date, log: CheckLog): Date[] {
  if (verified.length < threshold) {
    throw new VerificationError(
      'ERR_TIMESTAMP_THRESHOLD',
      `bundle has ${verified.length} verified timestamp${verified.length === 1 ? '' : 's'}, ${threshold} required`,
    );
  }
  if (verified.length === 0) {
    log.warn('no verified timestamp in the bundle: the certificate was checked at the current time instead');
    return [now];
  }
  return verified.map((t) => t.time);
}

/** The verification pipeline: bundle + artifact + policy in, result (or a VerificationError) out. */
export function verifyBundle(
  bundleJson: unknown,
  input: VerificationInput,
  policy: VerificationPolicy,
  trust: TrustMaterial,
  thresholds: Thresholds,
  now: Date,
): VerificationResult {
  const artifact = Artifact.from(input);
  if (!policy || typeof policy !== 'object') {
    throw new VerificationError(
      'ERR_INVALID_INPUT',
      'a verification policy (identity and issuer, or a public key) is required',
    );
  }
  if (!('publicKey' in policy)) assertIdentityPolicy(policy);
  const bundle = parse(bundleJson);
  const log = new CheckLog();
  log.passed('bundle', `bundle ${bundle.version} (${bundle.mediaType}) is well formed`);

  const signer = resolveSigner(bundle, policy);
  const artifactDigest = verifyContent(bundle, artifact, signer, log);

  const issuers = signer.kind === 'certificate' ? findIssuingAuthorities(signer.leaf, trust) : [];
  if (signer.kind === 'certificate') assertCodeSigningCertificate(signer.leaf);

  const tsaTimes = verifyRfc3161Timestamps(bundle, trust, log);
  const tsaDates = tsaTimes.map((t) => t.time);
  const tlogTimes = verifyTlogEntries(
    bundle,
    signer,
    artifactDigest,
    trust,
    thresholds.tlog,
    now,
    tsaDates,
    log,
  );
  const timestamps = [...tlogTimes, ...tsaTimes];
  const times = signingTimes(timestamps, thresholds.timestamp, now, log);

  let signerInfo: SignerInfo;
  if (signer.kind === 'certificate') {
    const { leaf } = signer;
    let authority = issuers[0]!;
    for (const time of times) authority = assertChainValidAt(leaf, issuers, time);
    const ca = authority.authority.uri || authority.certificates[0]!.subject.commonName || 'trusted CA';
    log.passed('certificate-chain', `signing certificate chains to ${ca} in the trusted root`);
    log.passed('certificate-usage', 'signing certificate is an end-entity code-signing certificate');
    log.passed(
      'certificate-validity',
      `signing certificate was valid at ${times.map((t) => t.toISOString()).join(', ')}`,
    );
    assertScts(leaf, authority.certificates[0]!, trust, thresholds.ctlog, log);
    if ('publicKey' in policy) {
      log.passed('public-key', 'signing certificate key is the expected public key');
      signerInfo = { certificate: leaf.der, publicKey: signer.spki };
    } else {
      signerInfo = {
        ...assertIdentity(leaf, policy, (name, detail) => log.passed(name, detail)),
        publicKey: signer.spki,
      };
    }
  } else {
    log.passed('public-key', 'signature made with the expected public key');
    signerInfo = { publicKey: signer.spki };
  }

  const content: VerificationResult['content'] =
    bundle.content.type === 'messageSignature'
      ? { type: 'message-signature' }
      : {
          type: 'dsse',
          payloadType: bundle.content.dsseEnvelope.payloadType,
          payload: bundle.content.dsseEnvelope.payload,
        };
  return {
    mediaType: bundle.mediaType,
    bundleVersion: bundle.version,
    content,
    signer: signerInfo,
    timestamps,
    checks: log.checks,
    warnings: log.warnings,
  };
}

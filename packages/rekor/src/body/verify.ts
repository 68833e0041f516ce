import type { BundleContent, HashAlgorithm, TransparencyLogEntry } from '@keyless/core';
import { bytesEqual, digest } from '@keyless/core';
import { RekorError } from '../errors.js';
import { preAuthEncoding } from './pae.js';
import { parseEntryBody } from './parse.js';
import type { EntryBody, LoggedDigest, LoggedSignature, LoggedVerifier } from './types.js';

/**
 * Who signed the bundle, as DER: the leaf certificate for certificate bundles, the
 * SubjectPublicKeyInfo for key bundles. A logged certificate is compared with `certificate`, a
 * logged public key with `publicKey`.
 */
export interface SignerMaterial {
  certificate?: Uint8Array;
  publicKey?: Uint8Array;
}

/** The digest of the artifact being verified. */
export interface ArtifactDigest {
  algorithm: HashAlgorithm;
  digest: Uint8Array;
}

function mismatch(message: string): never {
  throw new RekorError('ERR_TLOG_BODY_MISMATCH', `log entry does not match the bundle: ${message}`);
}

/**
 * Checks that the entry's canonicalized body describes this bundle: same kind and version as the
 * entry's `kindVersion`, same signature(s), same signer, same artifact. Per kind:
 *
 * - hashedrekord 0.0.1/0.0.2 over a message signature: the signature equals
 *   `messageSignature.signature`; the hash equals `artifactDigest` (or, when that is not given,
 *   the bundle's `messageDigest`, which the caller must have checked against the artifact).
 * - hashedrekord 0.0.2 over a DSSE envelope (how Rekor v2 logs DSSE): the hash equals the hash of
 *   the envelope's PAE and the signature equals the envelope's only signature.
 * - dsse 0.0.1/0.0.2: the payload hash equals the hash of the envelope payload, and the logged
 *   signatures are exactly the envelope's. `envelopeHash` (0.0.1) is not compared: the log hashed
 *   its own serialization of the envelope, which a bundle does not carry byte for byte; payload
 *   hash and signatures already bind the same content.
 * - intoto 0.0.2: payload type, payload (when logged) and payload hash equal the envelope's, and
 *   the logged signatures are exactly the envelope's. The logged `hash` is not compared, for the
 *   same reason as `envelopeHash`.
 *
 * Every logged verifier must equal the signer. Throws `RekorError('ERR_TLOG_BODY_MISMATCH')` naming
 * the field that differs, or `RekorError('ERR_TLOG_BODY_INVALID')` for an unreadable body.
 *
 * @example
 * ```ts
 * verifyEntryBody(entry, bundle.content, { certificate: leafDer }, { algorithm: 'SHA2_256', digest: sha256(artifact) });
 * ```
 */
export function verifyEntryBody(
  entry: TransparencyLogEntry,
  content: BundleContent,
  signer: SignerMaterial,
  artifactDigest?: ArtifactDigest,
): EntryBody {
  const body = parseEntryBody(entry.canonicalizedBody);
  if (body.kind !== entry.kindVersion.kind || body.apiVersion !== entry.kindVersion.version) {
    mismatch(
      `body is ${body.kind} ${body.apiVersion} but the entry says ${entry.kindVersion.kind} ${entry.kindVersion.version}`,
    );
  }
  switch (body.kind) {
    case 'hashedrekord':
      checkHashedRekord(body.data, body.signature, content, signer, artifactDigest);
      break;
    case 'dsse':
      if (content.type !== 'dsseEnvelope') mismatch('a dsse entry needs a DSSE envelope bundle');
      checkDigest(body.payloadHash, content.dsseEnvelope.payload, 'payload hash');
      checkSignatures(body.signatures, content.dsseEnvelope.signatures, signer);
      break;
    case 'intoto': {
      if (content.type !== 'dsseEnvelope') mismatch('an intoto entry needs a DSSE envelope bundle');
      const envelope = content.dsseEnvelope;
      if (body.payloadType !== envelope.payloadType) mismatch('payload type differs');
      if (body.payload && !bytesEqual(body.payload, envelope.payload)) mismatch('payload differs');
      if (!body.payload && !body.payloadHash)
        mismatch('intoto entry records neither payload nor payload hash');
      if (body.payloadHash) checkDigest(body.payloadHash, envelope.payload, 'payload hash');
      checkSignatures(body.signatures, envelope.signatures, signer);
      break;
    }
  }
  return body;
}

function checkHashedRekord(
  data: LoggedDigest,
  logged: LoggedSignature,
  content: BundleContent,
  signer: SignerMaterial,
  artifactDigest: ArtifactDigest | undefined,
): void {
  if (content.type === 'messageSignature') {
    const expected = artifactDigest ?? content.messageSignature.messageDigest;
    if (!expected) mismatch('no artifact digest to compare the logged hash with');
    if (data.algorithm !== expected.algorithm) {
      mismatch(`logged hash is ${data.algorithm} but the artifact digest is ${expected.algorithm}`);
    }
    if (!bytesEqual(data.digest, expected.digest)) mismatch('logged hash is not the artifact digest');
    if (!bytesEqual(logged.signature, content.messageSignature.signature)) mismatch('signature differs');
  } else {
    const envelope = content.dsseEnvelope;
    checkDigest(
      data,
      preAuthEncoding(envelope.payloadType, envelope.payload),
      'logged hash of the DSSE envelope',
    );
    const only = envelope.signatures.length === 1 ? envelope.signatures[0] : undefined;
    if (!only)
      mismatch(`DSSE envelope has ${envelope.signatures.length} signatures; a hashedrekord entry logs one`);
    if (!bytesEqual(logged.signature, only.sig)) mismatch('signature differs');
  }
  checkVerifier(logged.verifier, signer);
}

function checkDigest(logged: LoggedDigest, data: Uint8Array, what: string): void {
  if (!bytesEqual(logged.digest, digest(logged.algorithm, data))) mismatch(`${what} differs`);
}

function checkSignatures(
  logged: readonly LoggedSignature[],
  envelope: readonly { sig: Uint8Array }[],
  signer: SignerMaterial,
): void {
  if (logged.length !== envelope.length) {
    mismatch(`entry logs ${logged.length} signatures, the envelope has ${envelope.length}`);
  }
  for (const sig of envelope) {
    const match = logged.find((l) => bytesEqual(l.signature, sig.sig));
    if (!match) mismatch('an envelope signature is not in the entry');
    checkVerifier(match.verifier, signer);
  }
}

function checkVerifier(logged: LoggedVerifier, signer: SignerMaterial): void {
  if (logged.type === 'certificate') {
    if (!signer.certificate) mismatch('entry logs a certificate but the bundle is signed with a public key');
    if (!bytesEqual(logged.der, signer.certificate))
      mismatch('logged certificate is not the signing certificate');
  } else {
    if (!signer.publicKey) mismatch('entry logs a public key but the bundle is signed with a certificate');
    if (!bytesEqual(logged.der, signer.publicKey)) mismatch('logged public key is not the signing key');
  }
}

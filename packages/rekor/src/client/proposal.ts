import type { KeyObject } from 'node:crypto';
import {
  type BundleContent,
  type EntryVerifier,
  encodeBase64,
  encodePem,
  importSpki,
  type ProposedEntry,
  X509Certificate,
} from '@keyless/core';
import type { ArtifactDigest, SignerMaterial } from '../body/verify.js';
import { RekorError } from '../errors.js';

/** The PEM a Rekor v1 entry carries for a verifier. */
export function verifierPem(verifier: EntryVerifier): string {
  return encodePem(verifier.type === 'certificate' ? 'CERTIFICATE' : 'PUBLIC KEY', verifier.der);
}

/** The verifier's public key. */
export function verifierKey(verifier: EntryVerifier): KeyObject {
  try {
    return verifier.type === 'certificate'
      ? X509Certificate.parse(verifier.der).publicKey
      : importSpki(verifier.der);
  } catch (cause) {
    throw new RekorError('ERR_TLOG_ENTRY_REJECTED', `the proposed entry's ${verifier.type} cannot be read`, {
      cause,
    });
  }
}

/** The DSSE envelope as JSON text, in the usual field order. */
export function envelopeJson(envelope: Extract<ProposedEntry, { kind: 'dsse' }>['envelope']): string {
  return JSON.stringify({
    payloadType: envelope.payloadType,
    payload: encodeBase64(envelope.payload),
    signatures: envelope.signatures.map((s) =>
      s.keyid ? { keyid: s.keyid, sig: encodeBase64(s.sig) } : { sig: encodeBase64(s.sig) },
    ),
  });
}

/**
 * What `verifyEntryBody` compares a logged entry with, for a proposed entry: the bundle content
 * it stands for, the signer and the artifact digest.
 */
export function expectedContent(proposed: ProposedEntry): {
  content: BundleContent;
  signer: SignerMaterial;
  digest?: ArtifactDigest;
} {
  const signer =
    proposed.verifier.type === 'certificate'
      ? { certificate: proposed.verifier.der }
      : { publicKey: proposed.verifier.der };
  if (proposed.kind === 'dsse')
    return { content: { type: 'dsseEnvelope', dsseEnvelope: proposed.envelope }, signer };
  return {
    content: {
      type: 'messageSignature',
      messageSignature: { signature: proposed.signature, messageDigest: proposed.digest },
    },
    signer,
    digest: proposed.digest,
  };
}

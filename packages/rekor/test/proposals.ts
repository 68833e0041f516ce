import { createHash, type KeyObject, sign } from 'node:crypto';
import type { EntryVerifier, ProposedEntry } from '@keyless/core';
import type { TestSigner } from './certificate.js';

let counter = 0;

/** A fresh artifact signed by `signer`, as a hashedrekord proposal. */
export function hashedRekordProposal(
  signer: TestSigner,
  verifier: 'certificate' | 'publicKey' = 'certificate',
): Extract<ProposedEntry, { kind: 'hashedrekord' }> {
  const artifact = Buffer.from(`proposal ${counter++} ${Math.random()}`);
  return {
    kind: 'hashedrekord',
    digest: { algorithm: 'SHA2_256', digest: createHash('sha256').update(artifact).digest() },
    signature: sign('sha256', artifact, signer.privateKey),
    verifier: verifierOf(signer, verifier),
  };
}

/** A fresh in-toto statement in a DSSE envelope signed by `key`, as a dsse proposal. */
export function dsseProposal(
  key: KeyObject,
  verifier: EntryVerifier,
): Extract<ProposedEntry, { kind: 'dsse' }> {
  const payloadType = 'application/vnd.in-toto+json';
  const payload = Buffer.from(`{"_type":"https://in-toto.io/Statement/v1","n":${counter++}}`);
  const pae = Buffer.concat([
    Buffer.from(`DSSEv1 ${payloadType.length} ${payloadType} ${payload.length} `),
    payload,
  ]);
  const sig = sign(key.asymmetricKeyType === 'ed25519' ? null : 'sha256', pae, key);
  return { kind: 'dsse', envelope: { payload, payloadType, signatures: [{ sig, keyid: '' }] }, verifier };
}

export function verifierOf(
  signer: TestSigner,
  type: 'certificate' | 'publicKey' = 'certificate',
): EntryVerifier {
  return type === 'certificate' ? { type, der: signer.certificate } : { type, der: signer.spki };
}

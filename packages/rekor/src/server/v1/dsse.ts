import { createHash } from 'node:crypto';
import { decodeBase64Strict, encodeBase64 } from '@keyless/core';
import { preAuthEncoding } from '../../body/pae.js';
import type { CanonicalEntry } from '../canonical-entry.js';
import { canonicalJson } from '../canonical-json.js';
import { intotoSubjectKeys } from '../intoto-subjects.js';
import {
  arrayField,
  base64Field,
  type Fields,
  objectField,
  rejectEntry,
  stringField,
} from '../request-fields.js';
import { verifiesMessage } from '../signature-check.js';
import { type PemVerifier, readPemVerifier } from './verifier-pem.js';

/**
 * Validates a proposed dsse 0.0.1 entry (`spec.proposedContent.envelope`, the envelope as JSON
 * text, and `spec.proposedContent.verifiers`, base64 PEM keys or certificates) as Rekor does:
 * every envelope signature must verify over the DSSE PAE with one of the verifiers. The canonical
 * body records the hash of the envelope text, the hash of the payload, and each signature with
 * its verifier, sorted by signature.
 */
export function dsseV001(spec: Fields): CanonicalEntry {
  const proposed = objectField(spec.proposedContent, 'spec.proposedContent');
  const envelopeText = stringField(proposed.envelope, 'spec.proposedContent.envelope');
  let parsed: unknown;
  try {
    parsed = JSON.parse(envelopeText);
  } catch {
    rejectEntry('spec.proposedContent.envelope is not JSON');
  }
  const envelope = objectField(parsed, 'envelope');
  const payloadType = stringField(envelope.payloadType, 'envelope.payloadType');
  const payload = typeof envelope.payload === 'string' ? decodeBase64Strict(envelope.payload) : undefined;
  if (!payload) rejectEntry('envelope.payload must be base64');
  const signatures = arrayField(envelope.signatures, 'envelope.signatures').map((s, i) =>
    base64Field(objectField(s, `envelope.signatures[${i}]`).sig, `envelope.signatures[${i}].sig`),
  );
  if (signatures.length === 0) rejectEntry('envelope.signatures is empty');
  const verifiers = arrayField(proposed.verifiers, 'spec.proposedContent.verifiers').map((v, i) =>
    readPemVerifier(v, `spec.proposedContent.verifiers[${i}]`),
  );
  if (verifiers.length === 0) rejectEntry('spec.proposedContent.verifiers is empty');

  const pae = preAuthEncoding(payloadType, payload);
  const logged: { signature: string; verifier: PemVerifier }[] = [];
  for (const [i, sig] of signatures.entries()) {
    const verifier = verifiers.find((v) => verifiesMessage(v.key, pae, sig));
    if (!verifier) rejectEntry(`envelope signature ${i} does not verify with any of the given verifiers`);
    const signature = encodeBase64(sig);
    if (!logged.some((l) => l.signature === signature)) logged.push({ signature, verifier });
  }
  logged.sort((a, b) => (a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : 0));

  const payloadHash = createHash('sha256').update(payload).digest('hex');
  const envelopeHash = createHash('sha256').update(envelopeText, 'utf8').digest('hex');
  const body = canonicalJson({
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: envelopeHash },
      payloadHash: { algorithm: 'sha256', value: payloadHash },
      signatures: logged.map((l) => ({
        signature: l.signature,
        verifier: encodeBase64(Buffer.from(l.verifier.canonicalPem, 'utf8')),
      })),
    },
  });
  const keys = [`sha256:${payloadHash}`, `sha256:${envelopeHash}`];
  for (const { verifier } of logged) {
    keys.push(
      `sha256:${createHash('sha256').update(verifier.canonicalPem, 'utf8').digest('hex')}`,
      ...verifier.emails,
    );
  }
  keys.push(...intotoSubjectKeys(payloadType, payload));
  return { kind: 'dsse', apiVersion: '0.0.1', body: Buffer.from(body, 'utf8'), keys };
}

import { createHash } from 'node:crypto';
import { decodeBase64Strict, encodeBase64 } from '@keyless/core';
import { preAuthEncoding } from '../../body/pae.js';
import type { V2Signature } from '../../body/types.js';
import type { CanonicalEntry } from '../canonical-entry.js';
import { canonicalJson } from '../canonical-json.js';
import {
  arrayField,
  base64Field,
  type Fields,
  objectField,
  protoField,
  rejectEntry,
  stringField,
} from '../request-fields.js';
import { verifiesMessage } from '../signature-check.js';
import { readV2Verifier } from './verifier.js';

/**
 * Validates a `DSSERequestV002` (`envelope`, `verifiers`): every envelope signature must verify
 * over the DSSE PAE with one of the verifiers. Builds the dsse 0.0.2 body: the payload's SHA-256
 * and each signature with its verifier, sorted by signature.
 */
export function dsseV002(request: Fields, path: string): CanonicalEntry {
  const envelope = objectField(protoField(request, 'envelope'), `${path}.envelope`);
  const payloadType = stringField(protoField(envelope, 'payloadType'), `${path}.envelope.payloadType`);
  const payload = typeof envelope.payload === 'string' ? decodeBase64Strict(envelope.payload) : undefined;
  if (!payload) rejectEntry(`${path}.envelope.payload must be base64`);
  const signatures = arrayField(envelope.signatures, `${path}.envelope.signatures`).map((s, i) =>
    base64Field(
      objectField(s, `${path}.envelope.signatures[${i}]`).sig,
      `${path}.envelope.signatures[${i}].sig`,
    ),
  );
  if (signatures.length === 0) rejectEntry(`${path}.envelope.signatures is empty`);
  const verifiers = arrayField(request.verifiers, `${path}.verifiers`).map((v, i) =>
    readV2Verifier(v, `${path}.verifiers[${i}]`),
  );
  if (verifiers.length === 0) rejectEntry(`${path}.verifiers is empty`);

  const pae = preAuthEncoding(payloadType, payload);
  const logged: V2Signature[] = [];
  for (const [i, sig] of signatures.entries()) {
    const verifier = verifiers.find((v) => verifiesMessage(v.key, pae, sig));
    if (!verifier) rejectEntry(`envelope signature ${i} does not verify with any of the given verifiers`);
    const content = encodeBase64(sig);
    if (!logged.some((l) => l.content === content)) logged.push({ content, verifier: verifier.json });
  }
  logged.sort((a, b) => (a.content < b.content ? -1 : a.content > b.content ? 1 : 0));
  const body = canonicalJson({
    apiVersion: '0.0.2',
    kind: 'dsse',
    spec: {
      dsseV002: {
        payloadHash: { algorithm: 'SHA2_256', digest: createHash('sha256').update(payload).digest('base64') },
        signatures: logged,
      },
    },
  });
  return { kind: 'dsse', apiVersion: '0.0.2', body: Buffer.from(body, 'utf8'), keys: [] };
}

import type { KeyObject } from 'node:crypto';
import { decodePemBlocks, encodePem, importSpki, X509Certificate } from '@keyless/core';
import { base64Field, rejectEntry } from '../request-fields.js';

/** A signer's key or certificate as a Rekor v1 entry carries it: base64 of one PEM block. */
export interface PemVerifier {
  key: KeyObject;
  /** The PEM block re-encoded the way the log stores it (64-column lines, final newline). */
  canonicalPem: string;
  /** Email addresses of a certificate's subject alternative names, lower-cased. */
  emails: string[];
}

/**
 * Reads a Rekor v1 verifier: base64 of a PEM `CERTIFICATE` or `PUBLIC KEY`. Rejects anything
 * else, and keys this log cannot verify with.
 */
export function readPemVerifier(value: unknown, path: string): PemVerifier {
  const pem = Buffer.from(base64Field(value, path)).toString('utf8');
  let blocks: ReturnType<typeof decodePemBlocks>;
  try {
    blocks = decodePemBlocks(pem);
  } catch {
    return rejectEntry(`${path} is not a valid PEM block`);
  }
  const block = blocks[0];
  if (blocks.length !== 1 || !block) rejectEntry(`${path} must hold exactly one PEM block`);
  try {
    if (block.label === 'CERTIFICATE') {
      const certificate = X509Certificate.parse(block.der);
      const emails = certificate.subjectAltNames.flatMap((n) =>
        n.type === 'email' ? [n.value.toLowerCase()] : [],
      );
      return { key: certificate.publicKey, canonicalPem: encodePem('CERTIFICATE', block.der), emails };
    }
    if (block.label === 'PUBLIC KEY') {
      return { key: importSpki(block.der), canonicalPem: encodePem('PUBLIC KEY', block.der), emails: [] };
    }
  } catch {
    return rejectEntry(`${path} holds a ${block.label} this log cannot read`);
  }
  return rejectEntry(`${path} holds a PEM "${block.label}", not a certificate or public key`);
}

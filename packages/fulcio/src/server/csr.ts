import { signatureOptionsForOid, verifySignature } from '@keyless/core';
import { FulcioError } from '../errors.js';
import { type CertificationRequest, parseCertificationRequest } from '../protocol/csr.js';
import { type AcceptedKey, acceptPublicKey } from './public-key.js';

function badRequest(message: string, cause?: unknown): never {
  throw new FulcioError('ERR_FULCIO_BAD_REQUEST', message, { cause });
}

/**
 * The public key of a PKCS#10 certificate signing request (PEM, as Fulcio expects, or DER) whose
 * self-signature verifies: the CSR is the proof of possession. Only the key is taken from it; its
 * subject and attributes are ignored, as Fulcio ignores them. Throws `FulcioError`
 * (`ERR_FULCIO_BAD_REQUEST`).
 */
export function csrPublicKey(bytes: Uint8Array): AcceptedKey {
  let request: CertificationRequest;
  try {
    request = parseCertificationRequest(bytes);
  } catch (cause) {
    return badRequest('certificate signing request is not a valid PKCS#10 request', cause);
  }
  const key = acceptPublicKey(request.subjectPublicKeyInfo);
  let options: ReturnType<typeof signatureOptionsForOid>;
  try {
    options = signatureOptionsForOid(request.signatureAlgorithm);
  } catch (cause) {
    return badRequest(
      `certificate signing request uses unsupported signature algorithm ${request.signatureAlgorithm}`,
      cause,
    );
  }
  if (!verifySignature(key.key, request.info, request.signature, options)) {
    badRequest('certificate signing request signature does not verify with its own public key');
  }
  return key;
}

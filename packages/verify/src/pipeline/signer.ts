import type { KeyObject } from 'node:crypto';
import { type Bundle, bytesEqual, importPublicKeyPem, importSpki, X509Certificate } from '@keyless/core';
import { VerificationError } from '../errors.js';
import type { VerificationPolicy } from '../types.js';

/** Who signed, as the bundle says it: a Fulcio-style leaf certificate, or a key the verifier supplies. */
export type SignerMaterial =
  | { kind: 'certificate'; leaf: X509Certificate; key: KeyObject; spki: Uint8Array }
  | { kind: 'key'; key: KeyObject; spki: Uint8Array };

function policyKey(publicKey: KeyObject | string | Uint8Array): KeyObject {
  try {
    if (typeof publicKey === 'string') return importPublicKeyPem(publicKey);
    if (publicKey instanceof Uint8Array) return importSpki(publicKey);
    return publicKey;
  } catch (cause) {
    throw new VerificationError(
      'ERR_INVALID_INPUT',
      'the public key given to verify with is not a valid public key',
      {
        cause,
      },
    );
  }
}

function parseCertificate(der: Uint8Array, what: string): X509Certificate {
  try {
    return X509Certificate.parse(der);
  } catch (cause) {
    throw new VerificationError('ERR_BUNDLE_INVALID', `bundle ${what} is not a valid X.509 certificate`, {
      cause,
    });
  }
}

/**
 * Resolves the bundle's signing material against the policy: a certificate bundle needs an
 * identity policy, a key bundle needs a key policy.
 */
export function resolveSigner(bundle: Bundle, policy: VerificationPolicy): SignerMaterial {
  const material = bundle.verificationMaterial.content;
  if (material.type === 'publicKey') {
    if (!('publicKey' in policy)) {
      throw new VerificationError(
        'ERR_KEY_MISMATCH',
        "bundle is signed with a key, not a certificate: verify it with the signer's public key (--key)",
      );
    }
    const key = policyKey(policy.publicKey);
    return { kind: 'key', key, spki: key.export({ format: 'der', type: 'spki' }) };
  }
  const certificates = material.type === 'certificate' ? [material.certificate] : material.certificates;
  const leaf = parseCertificate(certificates[0]!, 'signing certificate');
  for (let i = 1; i < certificates.length; i++) {
    const cert = parseCertificate(certificates[i]!, `certificate chain entry ${i}`);
    // Trust anchors come from the trusted root only; a bundle that ships its own root is refused.
    if (bytesEqual(cert.issuerDer, cert.subjectDer) && cert.isSelfSigned) {
      throw new VerificationError(
        'ERR_CERTIFICATE_CHAIN',
        'bundle certificate chain contains a root certificate; roots must come from the trusted root',
      );
    }
  }
  if ('publicKey' in policy) {
    const key = policyKey(policy.publicKey);
    const expected = key.export({ format: 'der', type: 'spki' });
    if (!bytesEqual(expected, leaf.subjectPublicKeyInfo)) {
      throw new VerificationError(
        'ERR_KEY_MISMATCH',
        "the signing certificate's key is not the key given to verify with",
      );
    }
  }
  return { kind: 'certificate', leaf, key: leaf.publicKey, spki: leaf.subjectPublicKeyInfo };
}

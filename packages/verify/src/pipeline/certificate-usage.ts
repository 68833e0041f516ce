import { OID, type X509Certificate } from '@keyless/core';
import { VerificationError } from '../errors.js';

/** A signing certificate must be an end-entity certificate for code signing. */
export function assertCodeSigningCertificate(leaf: X509Certificate): void {
  if (leaf.basicConstraints?.ca) {
    throw new VerificationError('ERR_CERTIFICATE_INVALID', 'signing certificate is a CA certificate');
  }
  const usage = leaf.keyUsage;
  if (usage && !usage.digitalSignature) {
    throw new VerificationError(
      'ERR_CERTIFICATE_INVALID',
      'signing certificate key usage does not allow digital signatures',
    );
  }
  if (!leaf.extKeyUsage.includes(OID.codeSigning)) {
    throw new VerificationError(
      'ERR_CERTIFICATE_INVALID',
      'signing certificate is not issued for code signing (extended key usage)',
    );
  }
}

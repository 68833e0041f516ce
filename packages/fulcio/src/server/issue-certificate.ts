import { bytesEqual, OID, X509Certificate } from '@keyless/core';
import { sctListExtensionValue } from '../sct/encode.js';
import { precertificateTbs, precertificateTbsFromPoisoned } from '../sct/precertificate.js';
import { type LocalCertificateAuthority, randomSerialNumber } from './certificate-authority.js';
import type { LocalCtLog } from './ct-log.js';
import type { Principal } from './identity/principal.js';
import { leafExtensions, poisonExtension } from './leaf-extensions.js';
import type { AcceptedKey } from './public-key.js';
import { CA_SIGNING_ALGORITHM, x509 } from './x509.js';

export interface IssueOptions {
  ca: LocalCertificateAuthority;
  ctlog: LocalCtLog;
  now: Date;
  lifetimeSeconds: number;
}

/**
 * Issues a leaf certificate with an embedded SCT (RFC 6962 §3): a precertificate carrying the
 * poison extension is logged to the CT log, then the final certificate is issued with the same
 * serial, validity and extensions in the same order, the poison replaced by the SCT list. So the
 * TBSCertificate a verifier rebuilds from the final certificate (without the SCT list) is the one
 * the log signed.
 */
export async function issueCertificate(
  principal: Principal,
  key: AcceptedKey,
  options: IssueOptions,
): Promise<X509Certificate> {
  const { ca, ctlog } = options;
  // X.509 times have whole seconds; rounding first keeps notAfter exactly `lifetime` after notBefore.
  const notBefore = new Date(Math.floor(options.now.getTime() / 1000) * 1000);
  const notAfter = new Date(notBefore.getTime() + options.lifetimeSeconds * 1000);
  const base = leafExtensions(principal, key.spki, ca.intermediate.subjectKeyIdentifier!);
  const fields = {
    serialNumber: randomSerialNumber(),
    issuer: new x509.Name(ca.intermediate.subjectDer),
    notBefore,
    notAfter,
    publicKey: key.spki,
    signingKey: ca.signingKey,
    signingAlgorithm: CA_SIGNING_ALGORITHM,
  };

  const precert = await x509.X509CertificateGenerator.create({
    ...fields,
    extensions: [...base, poisonExtension()],
  });
  const logged = precertificateTbsFromPoisoned(X509Certificate.parse(new Uint8Array(precert.rawData)).tbs);
  const sct = ctlog.signPrecertificate(logged, ca.issuerKeyHash, options.now.getTime());
  const sctList = new x509.Extension(OID.ctPrecertificateScts, false, sctListExtensionValue([sct]));
  const final = X509Certificate.parse(
    new Uint8Array(
      (await x509.X509CertificateGenerator.create({ ...fields, extensions: [...base, sctList] })).rawData,
    ),
  );
  // Cheap insurance: a certificate whose SCT cannot verify must never leave the CA.
  if (!bytesEqual(precertificateTbs(final.tbs), logged)) {
    throw new Error('final certificate does not match the logged precertificate');
  }
  return final;
}

import type { SignatureOptions } from '../crypto/verify-signature.js';
import { CoreError } from '../errors/keyless-error.js';
import { OID } from './oids.js';

const BY_OID: Record<string, SignatureOptions> = {
  [OID.ecdsaWithSHA256]: { hash: 'sha256' },
  [OID.ecdsaWithSHA384]: { hash: 'sha384' },
  [OID.ecdsaWithSHA512]: { hash: 'sha512' },
  [OID.sha256WithRSAEncryption]: { hash: 'sha256' },
  [OID.sha384WithRSAEncryption]: { hash: 'sha384' },
  [OID.sha512WithRSAEncryption]: { hash: 'sha512' },
  [OID.ed25519]: { hash: null },
};

/** How to verify a signature made with the X.509 `AlgorithmIdentifier` `oid`. */
export function signatureOptionsForOid(oid: string): SignatureOptions {
  const options = BY_OID[oid];
  if (!options) throw new CoreError('ERR_UNSUPPORTED_ALGORITHM', `unsupported signature algorithm ${oid}`);
  return options;
}

import { FulcioError } from '../errors.js';
import type { SignedCertificateTimestamp } from './types.js';

/** `LogEntryType.precert_entry` (RFC 6962 §3.1). */
const PRECERT_ENTRY = 1;
/** `SignatureType.certificate_timestamp`. */
const CERTIFICATE_TIMESTAMP = 0;

/**
 * The bytes a CT log signs for a precertificate SCT (RFC 6962 §3.2, `digitally-signed struct`):
 * version, signature type, timestamp, entry type, `PreCert { issuer_key_hash, tbs_certificate }`
 * and the SCT's extensions, each in TLS encoding.
 *
 * @param issuerKeyHash SHA-256 of the issuing CA's DER SubjectPublicKeyInfo (32 bytes).
 * @param precertTbs the rebuilt precertificate TBSCertificate (see `precertificateTbs`).
 */
export function sctSignedData(
  sct: SignedCertificateTimestamp,
  issuerKeyHash: Uint8Array,
  precertTbs: Uint8Array,
): Uint8Array {
  if (issuerKeyHash.length !== 32) {
    throw new FulcioError('ERR_SCT_MALFORMED', 'issuer key hash must be 32 bytes (SHA-256)');
  }
  if (precertTbs.length > 0xffffff) throw new FulcioError('ERR_SCT_MALFORMED', 'precertificate is too large');
  const out = new Uint8Array(1 + 1 + 8 + 2 + 32 + 3 + precertTbs.length + 2 + sct.extensions.length);
  const view = new DataView(out.buffer);
  let pos = 0;
  out[pos++] = sct.version;
  out[pos++] = CERTIFICATE_TIMESTAMP;
  view.setUint32(pos, Math.floor(sct.timestamp / 0x100000000));
  view.setUint32(pos + 4, sct.timestamp >>> 0);
  pos += 8;
  view.setUint16(pos, PRECERT_ENTRY);
  pos += 2;
  out.set(issuerKeyHash, pos);
  pos += 32;
  out[pos++] = precertTbs.length >>> 16;
  view.setUint16(pos, precertTbs.length & 0xffff);
  pos += 2;
  out.set(precertTbs, pos);
  pos += precertTbs.length;
  view.setUint16(pos, sct.extensions.length);
  pos += 2;
  out.set(sct.extensions, pos);
  return out;
}

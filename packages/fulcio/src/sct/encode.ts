import { encodeOctetString } from '../asn1/encode.js';
import { FulcioError } from '../errors.js';
import type { SignedCertificateTimestamp } from './types.js';

function checkVector16(what: string, length: number): void {
  if (length > 0xffff) throw new FulcioError('ERR_SCT_MALFORMED', `${what} is longer than 65535 bytes`);
}

/**
 * The TLS encoding of one v1 SCT (RFC 6962 §3.2 `SignedCertificateTimestamp`), the inverse of what
 * {@link parseSctList} reads for each entry.
 */
export function encodeSct(sct: SignedCertificateTimestamp): Uint8Array {
  if (sct.logId.length !== 32) throw new FulcioError('ERR_SCT_MALFORMED', 'SCT log id must be 32 bytes');
  checkVector16('SCT extensions', sct.extensions.length);
  checkVector16('SCT signature', sct.signature.length);
  const out = new Uint8Array(1 + 32 + 8 + 2 + sct.extensions.length + 2 + 2 + sct.signature.length);
  const view = new DataView(out.buffer);
  let pos = 0;
  out[pos++] = sct.version;
  out.set(sct.logId, pos);
  pos += 32;
  view.setUint32(pos, Math.floor(sct.timestamp / 0x100000000));
  view.setUint32(pos + 4, sct.timestamp >>> 0);
  pos += 8;
  view.setUint16(pos, sct.extensions.length);
  pos += 2;
  out.set(sct.extensions, pos);
  pos += sct.extensions.length;
  out[pos++] = sct.hashAlgorithm;
  out[pos++] = sct.signatureAlgorithm;
  view.setUint16(pos, sct.signature.length);
  out.set(sct.signature, pos + 2);
  return out;
}

/**
 * The value of the X.509 SCT list extension (1.3.6.1.4.1.11129.2.4.2) embedding `scts`: an OCTET
 * STRING around the TLS `SignedCertificateTimestampList` (RFC 6962 §3.3), as
 * {@link parseSctList} reads it.
 *
 * @example
 * ```ts
 * const value = sctListExtensionValue([sct]);
 * parseSctList(value)[0]?.timestamp === sct.timestamp; // true
 * ```
 */
export function sctListExtensionValue(scts: readonly SignedCertificateTimestamp[]): Uint8Array {
  const entries = scts.map(encodeSct);
  const total = entries.reduce((sum, entry) => sum + 2 + entry.length, 0);
  checkVector16('SCT list', total);
  const list = new Uint8Array(2 + total);
  const view = new DataView(list.buffer);
  view.setUint16(0, total);
  let pos = 2;
  for (const entry of entries) {
    view.setUint16(pos, entry.length);
    list.set(entry, pos + 2);
    pos += 2 + entry.length;
  }
  return encodeOctetString(list);
}

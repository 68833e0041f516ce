import { OID, readElement, Tag, type X509Certificate } from '@keyless/core';
import { FulcioError } from '../errors.js';
import type { SignedCertificateTimestamp } from './types.js';

function malformed(detail: string): never {
  throw new FulcioError('ERR_SCT_MALFORMED', `embedded SCT list is malformed: ${detail}`);
}

/** Big-endian reader over TLS presentation-language bytes (RFC 5246 §4). */
class TlsReader {
  offset = 0;
  constructor(readonly bytes: Uint8Array) {}

  private need(n: number, what: string): void {
    if (this.offset + n > this.bytes.length) malformed(`${what} runs past the end`);
  }

  uint8(what: string): number {
    this.need(1, what);
    return this.bytes[this.offset++]!;
  }

  uint16(what: string): number {
    this.need(2, what);
    const b = this.bytes;
    const n = (b[this.offset]! << 8) | b[this.offset + 1]!;
    this.offset += 2;
    return n;
  }

  uint64(what: string): number {
    this.need(8, what);
    const b = this.bytes;
    let n = 0;
    for (let i = 0; i < 8; i++) n = n * 256 + b[this.offset + i]!;
    if (n > Number.MAX_SAFE_INTEGER) malformed(`${what} is out of range`);
    this.offset += 8;
    return n;
  }

  fixed(length: number, what: string): Uint8Array {
    this.need(length, what);
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  /** `opaque x<0..2^16-1>`: a two-byte length then that many bytes. */
  vector16(what: string): Uint8Array {
    return this.fixed(this.uint16(`${what} length`), what);
  }

  get done(): boolean {
    return this.offset === this.bytes.length;
  }
}

function parseSct(bytes: Uint8Array): SignedCertificateTimestamp {
  const reader = new TlsReader(bytes);
  const version = reader.uint8('sct_version');
  if (version !== 0) malformed(`unsupported SCT version ${version}`);
  const logId = reader.fixed(32, 'log id');
  const timestamp = reader.uint64('timestamp');
  const extensions = reader.vector16('extensions');
  const hashAlgorithm = reader.uint8('hash algorithm');
  const signatureAlgorithm = reader.uint8('signature algorithm');
  const signature = reader.vector16('signature');
  if (!reader.done) malformed('trailing bytes after an SCT');
  return { version: 0, logId, timestamp, extensions, hashAlgorithm, signatureAlgorithm, signature };
}

/**
 * Decodes the value of the X.509 SCT list extension (1.3.6.1.4.1.11129.2.4.2): an OCTET STRING
 * holding a TLS-encoded `SignedCertificateTimestampList` (RFC 6962 §3.3). Byte fields are views
 * into `extensionValue`. Throws `FulcioError` (`ERR_SCT_MALFORMED`).
 *
 * @example
 * ```ts
 * const ext = cert.extension(OID.ctPrecertificateScts);
 * const scts = ext ? parseSctList(ext.value) : [];
 * ```
 */
export function parseSctList(extensionValue: Uint8Array): SignedCertificateTimestamp[] {
  let list: Uint8Array;
  try {
    const octets = readElement(extensionValue, 0);
    if (octets.tag !== Tag.OCTET_STRING || octets.raw.length !== extensionValue.length) {
      malformed('extension value is not a single OCTET STRING');
    }
    list = octets.value;
  } catch (cause) {
    if (cause instanceof FulcioError) throw cause;
    return malformed('extension value is not DER');
  }
  const reader = new TlsReader(list);
  const entries = new TlsReader(reader.vector16('list'));
  if (!reader.done) malformed('trailing bytes after the list');
  const scts: SignedCertificateTimestamp[] = [];
  while (!entries.done) scts.push(parseSct(entries.vector16('SCT')));
  if (scts.length === 0) malformed('the list is empty');
  return scts;
}

/**
 * The SCTs embedded in `cert`; empty when it has no SCT list extension.
 * Throws `FulcioError` (`ERR_SCT_MALFORMED`) when the extension is malformed.
 */
export function embeddedScts(cert: X509Certificate): SignedCertificateTimestamp[] {
  const extension = cert.extension(OID.ctPrecertificateScts);
  return extension ? parseSctList(extension.value) : [];
}

import { bytesEqual, contextTag, encodeOid, OID, readElement, Tag } from '@keyless/core';
import { FulcioError } from '../errors.js';

const SCT_LIST_OID = encodeOid(OID.ctPrecertificateScts);
const POISON_OID = encodeOid(OID.ctPrecertificatePoison);
const EXTENSIONS_TAG = contextTag(3, true);

function malformed(detail: string): never {
  throw new FulcioError('ERR_SCT_MALFORMED', `cannot rebuild the precertificate: ${detail}`);
}

function lengthOfLength(length: number): number {
  if (length < 0x80) return 1;
  let n = 1;
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) n++;
  return n;
}

/** Writes a DER header (tag + shortest length) at `offset`; returns the offset after it. */
function writeHeader(out: Uint8Array, offset: number, tag: number, length: number): number {
  out[offset++] = tag;
  if (length < 0x80) {
    out[offset++] = length;
    return offset;
  }
  const count = lengthOfLength(length) - 1;
  out[offset++] = 0x80 | count;
  for (let i = count - 1; i >= 0; i--) {
    out[offset + i] = length & 0xff;
    length = Math.floor(length / 256);
  }
  return offset + count;
}

/**
 * The precertificate TBSCertificate a CT log signed (RFC 6962 §3.2): the leaf's TBSCertificate
 * with the SCT list extension removed and every enclosing length re-encoded. It works on byte
 * offsets (no re-encoding of the other fields), since it runs for every verification.
 * Throws `FulcioError` (`ERR_SCT_MALFORMED`) when `tbs` has no SCT list extension.
 *
 * @example
 * ```ts
 * const precert = precertificateTbs(leaf.tbs);
 * ```
 */
export function precertificateTbs(tbs: Uint8Array): Uint8Array {
  return withoutExtension(tbs, SCT_LIST_OID, 'SCT list');
}

/**
 * The same precertificate TBSCertificate, taken from the precertificate a CA submits to a CT log
 * (RFC 6962 §3.1): its TBSCertificate with the critical poison extension removed. What a CT log
 * signs for the precertificate equals what {@link precertificateTbs} rebuilds from the final
 * certificate, as long as the CA issues both with the same fields in the same order.
 * Throws `FulcioError` (`ERR_SCT_MALFORMED`) when `tbs` has no poison extension.
 *
 * @example
 * ```ts
 * const signed = sctSignedData(sct, issuerKeyHash, precertificateTbsFromPoisoned(precert.tbs));
 * ```
 */
export function precertificateTbsFromPoisoned(tbs: Uint8Array): Uint8Array {
  return withoutExtension(tbs, POISON_OID, 'poison');
}

function withoutExtension(tbs: Uint8Array, oid: Uint8Array, name: string): Uint8Array {
  try {
    return rebuild(tbs, oid, name);
  } catch (cause) {
    if (cause instanceof FulcioError) throw cause;
    const detail = cause instanceof Error ? cause.message : 'malformed TBSCertificate';
    throw new FulcioError('ERR_SCT_MALFORMED', `cannot rebuild the precertificate: ${detail}`, { cause });
  }
}

function rebuild(tbs: Uint8Array, targetOid: Uint8Array, name: string): Uint8Array {
  const outer = readElement(tbs, 0);
  if (outer.tag !== Tag.SEQUENCE || outer.raw.length !== tbs.length)
    malformed('TBSCertificate is not a SEQUENCE');
  const tbsStart = tbs.length - outer.value.length;

  // Offsets below are absolute positions in `tbs`.
  let ctxStart = -1;
  let ctxEnd = -1;
  for (let offset = tbsStart; offset < tbs.length; ) {
    const field = readElement(tbs, offset);
    const end = offset + field.raw.length;
    if (field.tag === EXTENSIONS_TAG) {
      ctxStart = offset;
      ctxEnd = end;
      break;
    }
    offset = end;
  }
  if (ctxStart < 0) malformed('the certificate has no extensions');

  const ctx = readElement(tbs, ctxStart);
  const seqStart = ctxEnd - ctx.value.length;
  const seq = readElement(tbs, seqStart);
  if (seq.tag !== Tag.SEQUENCE || seqStart + seq.raw.length !== ctxEnd)
    malformed('extensions are not a SEQUENCE');
  const extsStart = ctxEnd - seq.value.length;

  let extStart = -1;
  let extEnd = -1;
  for (let offset = extsStart; offset < ctxEnd; ) {
    const extension = readElement(tbs, offset);
    const end = offset + extension.raw.length;
    const oid = readElement(extension.value, 0);
    if (oid.tag === Tag.OID && bytesEqual(oid.value, targetOid)) {
      extStart = offset;
      extEnd = end;
      break;
    }
    offset = end;
  }
  if (extStart < 0) malformed(`the certificate has no ${name} extension`);

  const seqContent = seq.value.length - (extEnd - extStart);
  // Without any extension left, the extensions field is dropped, as DER omits an empty OPTIONAL.
  const seqRaw = 1 + lengthOfLength(seqContent) + seqContent;
  const ctxRaw = seqContent === 0 ? 0 : 1 + lengthOfLength(seqRaw) + seqRaw;
  const tbsContent = outer.value.length - (ctxEnd - ctxStart) + ctxRaw;
  const out = new Uint8Array(1 + lengthOfLength(tbsContent) + tbsContent);

  let pos = writeHeader(out, 0, Tag.SEQUENCE, tbsContent);
  out.set(tbs.subarray(tbsStart, ctxStart), pos);
  pos += ctxStart - tbsStart;
  if (seqContent > 0) {
    pos = writeHeader(out, pos, EXTENSIONS_TAG, seqRaw);
    pos = writeHeader(out, pos, Tag.SEQUENCE, seqContent);
    out.set(tbs.subarray(extsStart, extStart), pos);
    pos += extStart - extsStart;
    out.set(tbs.subarray(extEnd, ctxEnd), pos);
    pos += ctxEnd - extEnd;
  }
  out.set(tbs.subarray(ctxEnd), pos);
  return out;
}

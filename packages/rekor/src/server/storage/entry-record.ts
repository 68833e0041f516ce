import { crc32 } from 'node:zlib';

/**
 * One log entry as the write-ahead log stores it:
 *
 * ```
 * u32 payload length | u32 CRC-32 of payload | payload
 * payload = u8 version (1) | u48 integrated time | u16 key count
 *         | per key: u16 length | UTF-8 key | u48 previous entry with this key + 1 (0: none)
 *         | leaf bytes (the rest)
 * ```
 *
 * The length and checksum let a reader tell a whole record from a torn one; the per-key back
 * pointers chain every entry of a secondary-index key, newest first, inside the log itself.
 */
export interface EntryRecord {
  leaf: Uint8Array;
  /** Seconds since the epoch; 0 when the log does not record one. */
  integratedTime: number;
  keys: IndexedKey[];
}

export interface IndexedKey {
  key: string;
  /** Index of the previous entry with this key. */
  prev: number | undefined;
}

export const RECORD_HEADER_BYTES = 8;
const FORMAT_VERSION = 1;
/** Payloads above this are refused; no sane entry body comes near it. */
export const MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

/** The record bytes of `record`, header included. */
export function encodeRecord(record: EntryRecord): Buffer {
  const keyBytes = record.keys.map((k) => Buffer.from(k.key, 'utf8'));
  let size = 1 + 6 + 2 + record.leaf.length;
  for (const k of keyBytes) size += 2 + k.length + 6;
  const out = Buffer.allocUnsafe(RECORD_HEADER_BYTES + size);
  let at = RECORD_HEADER_BYTES;
  out[at++] = FORMAT_VERSION;
  out.writeUIntBE(record.integratedTime, at, 6);
  at += 6;
  out.writeUInt16BE(keyBytes.length, at);
  at += 2;
  for (let i = 0; i < keyBytes.length; i++) {
    const key = keyBytes[i]!;
    out.writeUInt16BE(key.length, at);
    at += 2;
    key.copy(out, at);
    at += key.length;
    const prev = record.keys[i]!.prev;
    out.writeUIntBE(prev === undefined ? 0 : prev + 1, at, 6);
    at += 6;
  }
  out.set(record.leaf, at);
  out.writeUInt32BE(size, 0);
  out.writeUInt32BE(crc32(out.subarray(RECORD_HEADER_BYTES)), 4);
  return out;
}

/** Payload length from a record header, or `undefined` when it cannot be a record. */
export function payloadLength(header: Buffer): number | undefined {
  const length = header.readUInt32BE(0);
  return length >= 9 && length <= MAX_PAYLOAD_BYTES ? length : undefined;
}

/** Whether `payload` matches the checksum in `header`. */
export function checksumMatches(header: Buffer, payload: Buffer): boolean {
  return crc32(payload) === header.readUInt32BE(4);
}

/** Decodes a payload whose checksum was checked; `undefined` when its structure is broken. */
export function decodePayload(payload: Buffer): EntryRecord | undefined {
  if (payload.length < 9 || payload[0] !== FORMAT_VERSION) return undefined;
  const integratedTime = payload.readUIntBE(1, 6);
  const count = payload.readUInt16BE(7);
  let at = 9;
  const keys: IndexedKey[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 2 > payload.length) return undefined;
    const length = payload.readUInt16BE(at);
    at += 2;
    if (at + length + 6 > payload.length) return undefined;
    const key = payload.toString('utf8', at, at + length);
    at += length;
    const prev = payload.readUIntBE(at, 6);
    at += 6;
    keys.push({ key, prev: prev === 0 ? undefined : prev - 1 });
  }
  return { leaf: payload.subarray(at), integratedTime, keys };
}

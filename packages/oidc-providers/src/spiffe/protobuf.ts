/*
 * The two messages of the SPIFFE Workload API's FetchJWTSVID call, encoded by hand (proto3 wire
 * format) so that no protobuf or gRPC library is needed:
 *
 *   message JWTSVIDRequest  { repeated string audience = 1; string spiffe_id = 2; }
 *   message JWTSVIDResponse { repeated JWTSVID svids = 1; }
 *   message JWTSVID         { string spiffe_id = 1; string svid = 2; ... }
 */

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A JWT-SVID as the Workload API returns it. */
export interface JwtSvid {
  spiffeId: string;
  /** The compact JWT. */
  svid: string;
}

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function stringField(field: number, value: string): number[] {
  const bytes = encoder.encode(value);
  return [(field << 3) | WIRE_LENGTH_DELIMITED, ...varint(bytes.length), ...bytes];
}

/**
 * Encodes a `JWTSVIDRequest` for the given audiences (and, optionally, one SPIFFE ID).
 *
 * @example
 * ```ts
 * encodeJwtSvidRequest(['sigstore']); // Uint8Array [0x0a, 8, ...'sigstore']
 * ```
 */
export function encodeJwtSvidRequest(audiences: string[], spiffeId?: string): Uint8Array {
  const bytes = audiences.flatMap((audience) => stringField(1, audience));
  if (spiffeId) bytes.push(...stringField(2, spiffeId));
  return Uint8Array.from(bytes);
}

/** Reads the fields of one message: field number, wire type and, for length-delimited fields, the bytes. */
function* fields(bytes: Uint8Array): Generator<{ field: number; wire: number; value?: Uint8Array }> {
  let offset = 0;
  const readVarint = (): number => {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const byte = bytes[offset++];
      if (byte === undefined) throw new Error('truncated varint');
      result += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return result;
      scale *= 128;
    }
    throw new Error('varint too long');
  };
  while (offset < bytes.length) {
    const key = readVarint();
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === WIRE_VARINT) readVarint();
    else if (wire === WIRE_FIXED64) offset += 8;
    else if (wire === WIRE_FIXED32) offset += 4;
    else if (wire === WIRE_LENGTH_DELIMITED) {
      const length = readVarint();
      if (offset + length > bytes.length) throw new Error('truncated field');
      const value = bytes.subarray(offset, offset + length);
      offset += length;
      yield { field, wire, value };
      continue;
    } else throw new Error(`unsupported wire type ${wire}`);
    if (offset > bytes.length) throw new Error('truncated field');
    yield { field, wire };
  }
}

/**
 * Decodes a `JWTSVIDResponse` into its SVIDs; unknown fields are skipped, as proto3 requires.
 * Throws a plain `Error` on bytes that are not such a message.
 */
export function decodeJwtSvidResponse(bytes: Uint8Array): JwtSvid[] {
  const svids: JwtSvid[] = [];
  for (const outer of fields(bytes)) {
    if (outer.field !== 1 || outer.value === undefined) continue;
    const svid: JwtSvid = { spiffeId: '', svid: '' };
    for (const inner of fields(outer.value)) {
      if (inner.value === undefined) continue;
      if (inner.field === 1) svid.spiffeId = decoder.decode(inner.value);
      else if (inner.field === 2) svid.svid = decoder.decode(inner.value);
    }
    svids.push(svid);
  }
  return svids;
}

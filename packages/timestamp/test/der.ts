/** DER helpers for building test structures by hand: the package's writer plus test-only shapes. */
import { nul, oid, seq, tlv } from '../src/rfc3161/der-writer.js';

export {
  bool,
  ctx,
  ctxPrimitive,
  int,
  nul,
  octets,
  oid,
  seq,
  set,
  setOf,
  tlv,
} from '../src/rfc3161/der-writer.js';

/** A GeneralizedTime with exactly this text, well-formed or not. */
export const generalizedTime = (text: string) => tlv(0x18, Buffer.from(text, 'latin1'));

/** An AlgorithmIdentifier with NULL parameters, or the given ones. */
export function algorithm(dotted: string, parameters: Uint8Array | null = nul()): Uint8Array {
  return parameters ? seq(oid(dotted), parameters) : seq(oid(dotted));
}

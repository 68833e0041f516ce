import type { JsonWebKey } from 'node:crypto';

// DER prefixes of SubjectPublicKeyInfo for uncompressed named-curve EC points, up to and including
// the 0x04 point marker. Importing such a key as a JWK is about twice as fast as parsing the SPKI,
// and a verifier imports one leaf key per bundle.
const EC_SPKI_PREFIXES: { curve: 'P-256' | 'P-384' | 'P-521'; prefix: Buffer; coordinate: number }[] = [
  {
    curve: 'P-256',
    prefix: Buffer.from('3059301306072a8648ce3d020106082a8648ce3d03010703420004', 'hex'),
    coordinate: 32,
  },
  {
    curve: 'P-384',
    prefix: Buffer.from('3076301006072a8648ce3d020106052b8104002203620004', 'hex'),
    coordinate: 48,
  },
  {
    curve: 'P-521',
    prefix: Buffer.from('30819b301006072a8648ce3d020106052b8104002303818600040', 'hex'),
    coordinate: 66,
  },
];

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/**
 * The JWK of a named-curve EC SubjectPublicKeyInfo with an uncompressed point, or `undefined` for
 * any other key (which then goes through the generic DER import).
 */
export function ecSpkiToJwk(der: Uint8Array): JsonWebKey | undefined {
  for (const { curve, prefix, coordinate } of EC_SPKI_PREFIXES) {
    if (der.length !== prefix.length + 2 * coordinate || !startsWith(der, prefix)) continue;
    const x = Buffer.from(der.buffer, der.byteOffset + prefix.length, coordinate);
    const y = Buffer.from(der.buffer, der.byteOffset + prefix.length + coordinate, coordinate);
    return { kty: 'EC', crv: curve, x: x.toString('base64url'), y: y.toString('base64url') };
  }
  return undefined;
}

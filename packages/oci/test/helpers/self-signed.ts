import { generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { bitString, explicit, integer, oid, sequence, set, utcTime, utf8 } from './der.js';

/** An ECDSA P-256 key and a self-signed certificate for it. */
export interface SelfSigned {
  privateKey: KeyObject;
  /** DER certificate. */
  certificate: Buffer;
  /** PEM certificate. */
  pem: string;
}

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const COMMON_NAME = '2.5.4.3';

/** A self-signed certificate for `commonName`, valid from an hour ago for a day. */
export function selfSigned(commonName: string): SelfSigned {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const name = sequence(set(sequence(oid(COMMON_NAME), utf8(commonName))));
  const algorithm = sequence(oid(ECDSA_WITH_SHA256));
  const now = Date.now();
  const serial = randomBytes(8);
  serial[0]! &= 0x7f;
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(serial),
    algorithm,
    name,
    sequence(utcTime(new Date(now - 3600_000)), utcTime(new Date(now + 86400_000))),
    name,
    publicKey.export({ format: 'der', type: 'spki' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  const certificate = sequence(tbs, algorithm, bitString(signature));
  const body = certificate
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return {
    privateKey,
    certificate,
    pem: `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`,
  };
}

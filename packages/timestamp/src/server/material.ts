import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bytesEqual, decodePemBlocks, encodePem, X509Certificate } from '@keyless/core';
import { TimestampError } from '../errors.js';
import { createTsaChain, SIGNING_ALGORITHMS, type TsaChain, type TsaSigningAlgorithm } from './chain.js';

/** A TSA's persisted state: its chain and signing key, and which algorithm they are for. */
export interface TsaMaterial extends TsaChain {
  algorithm: TsaSigningAlgorithm;
}

/**
 * P-256 by default: a verifier checks a P-256 token about six times faster than a P-384 one
 * (Sigstore's public TSA uses P-384; both are accepted everywhere).
 */
const DEFAULT_ALGORITHM: TsaSigningAlgorithm = 'ecdsa-p256-sha256';
const KEY_FILE = 'tsa-signing-key.pem';
const CHAIN_FILE = 'tsa-cert-chain.pem';

function invalid(message: string, cause?: unknown): never {
  throw new TimestampError('ERR_TSA_CONFIG_INVALID', message, { cause });
}

/** Writes through a temporary file, so a crash never leaves half a key or chain behind. */
async function writeAtomically(path: string, text: string, mode: number): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode });
  await rename(temporary, path);
}

function algorithmOfKey(key: KeyObject, dir: string): TsaSigningAlgorithm {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  for (const [name, spec] of Object.entries(SIGNING_ALGORITHMS)) {
    if (spec.curve === curve) return name as TsaSigningAlgorithm;
  }
  return invalid(`the TSA signing key in ${dir} is not a P-256 or P-384 ECDSA key`);
}

async function load(dir: string): Promise<TsaMaterial> {
  const keyPath = join(dir, KEY_FILE);
  const chainPath = join(dir, CHAIN_FILE);
  try {
    const signingKey = createPrivateKey(await readFile(keyPath, 'utf8'));
    const blocks = decodePemBlocks(await readFile(chainPath, 'utf8'));
    const certificates = blocks.map((block) => X509Certificate.parse(block.der));
    if (certificates.length !== 3 || blocks.some((block) => block.label !== 'CERTIFICATE')) {
      invalid(`${chainPath} must hold three certificates: leaf, intermediate, root`);
    }
    const leaf = certificates[0]!;
    const spki = createPublicKey(signingKey).export({ type: 'spki', format: 'der' });
    if (!bytesEqual(spki, leaf.subjectPublicKeyInfo)) {
      invalid(`${keyPath} is not the key of the leaf certificate in ${chainPath}`);
    }
    return {
      certificates: certificates as TsaChain['certificates'],
      signingKey,
      algorithm: algorithmOfKey(signingKey, dir),
    };
  } catch (cause) {
    if (cause instanceof TimestampError) throw cause;
    const detail = cause instanceof Error ? cause.message : String(cause);
    return invalid(`cannot load the TSA's key and certificates from ${dir}: ${detail}`, cause);
  }
}

async function create(dir: string, algorithm: TsaSigningAlgorithm, now: Date): Promise<TsaMaterial> {
  const chain = await createTsaChain(algorithm, now);
  const keyPem = chain.signingKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await writeAtomically(join(dir, KEY_FILE), keyPem, 0o600);
  // The chain is written last: its presence says the key beside it is complete.
  const chainPem = chain.certificates
    .map((certificate) => encodePem('CERTIFICATE', certificate.der))
    .join('');
  await writeAtomically(join(dir, CHAIN_FILE), chainPem, 0o644);
  return { ...chain, algorithm };
}

/**
 * The TSA's key and chain from `dir`, created there on first use (the key file with mode 0600).
 * A restart on the same folder reuses both, so trusted roots built earlier stay valid. When
 * `algorithm` is given it must match what the folder holds.
 */
export async function loadOrCreateMaterial(
  dir: string,
  algorithm: TsaSigningAlgorithm | undefined,
  now: Date,
): Promise<TsaMaterial> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(join(dir, CHAIN_FILE)) || !existsSync(join(dir, KEY_FILE))) {
    return create(dir, algorithm ?? DEFAULT_ALGORITHM, now);
  }
  const material = await load(dir);
  if (algorithm !== undefined && algorithm !== material.algorithm) {
    invalid(`${dir} holds a ${material.algorithm} TSA key, not the ${algorithm} one asked for`);
  }
  return material;
}

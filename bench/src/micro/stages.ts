import { createHash, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import * as core from '@keyless/core';
import { bundleFromJSON } from '@sigstore/bundle';
import { toSignedEntity } from '@sigstore/verify';
import type { BenchCase } from '../cases.js';
import { microsPerOp } from './time-op.js';

/** One stage of verification timed on its own. */
export interface StageTiming {
  name: string;
  /** Microseconds per call; null when the stage could not be timed here. */
  micros: number | null;
  note?: string;
}

interface Json {
  [key: string]: Json | undefined;
}

function leafDer(bundleJson: unknown): Uint8Array | undefined {
  const material = (bundleJson as Json).verificationMaterial;
  const raw =
    material?.certificate?.rawBytes ?? (material?.x509CertificateChain?.certificates as Json)?.[0]?.rawBytes;
  return typeof raw === 'string' ? Buffer.from(raw, 'base64') : undefined;
}

/** The trusted CA certificate that issued `leaf`, found by name and signature. */
function issuerOf(leaf: core.X509Certificate, trustedRoot: unknown): core.X509Certificate | undefined {
  const authorities = ((trustedRoot as Json).certificateAuthorities ?? []) as Json[];
  for (const authority of authorities) {
    const raw = (authority.certChain?.certificates as Json)?.[0]?.rawBytes;
    if (typeof raw !== 'string') continue;
    const candidate = core.X509Certificate.parse(Buffer.from(raw, 'base64'));
    if (
      Buffer.compare(candidate.subjectDer, leaf.issuerDer) === 0 &&
      leaf.verifySignedBy(candidate.publicKey)
    ) {
      return candidate;
    }
  }
  return undefined;
}

function ecdsaFixture(namedCurve: string, hash: string): { key: KeyObject; data: Buffer; signature: Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve });
  // About the size of a Fulcio TBSCertificate, the largest thing a bundle's signatures cover.
  const data = Buffer.alloc(1024, 0x5a);
  return { key: publicKey, data, signature: sign(hash, data, privateKey) };
}

/**
 * Times the pieces a bundle verification is made of, each alone, to show the floor set by the
 * crypto on this machine next to the cost of parsing.
 */
export function measureStages(cases: readonly BenchCase[], trustedRoot: unknown): StageTiming[] {
  const texts = cases.map((c) => JSON.stringify(c.bundleJson));
  const pick = <T>(items: readonly T[], i: number): T => items[i % items.length]!;
  const stages: StageTiming[] = [
    {
      name: 'JSON.parse(bundle text)',
      micros: microsPerOp((i) => JSON.parse(pick(texts, i))),
      note: 'done once up front, not in the loop',
    },
  ];

  stages.push({
    name: 'core parseBundle(json)',
    micros: microsPerOp((i) => core.parseBundle(pick(cases, i).bundleJson)),
  });

  const leaves = cases
    .map((c) => leafDer(c.bundleJson))
    .filter((der): der is Uint8Array => der !== undefined);
  stages.push({
    name: 'core X509Certificate.parse(leaf)',
    micros: microsPerOp((i) => core.X509Certificate.parse(pick(leaves, i))),
  });

  const leaf = leaves[leaves.length - 1] ? core.X509Certificate.parse(leaves[leaves.length - 1]!) : undefined;
  const issuer = leaf && issuerOf(leaf, trustedRoot);
  stages.push(
    leaf && issuer
      ? {
          name: 'leaf.verifySignedBy(Fulcio intermediate)',
          micros: microsPerOp(() => leaf.verifySignedBy(issuer.publicKey)),
          note: 'real ECDSA P-384 / SHA-384 chain link',
        }
      : {
          name: 'leaf.verifySignedBy(Fulcio intermediate)',
          micros: null,
          note: 'issuer not in the trusted root',
        },
  );

  const p256 = ecdsaFixture('prime256v1', 'sha256');
  stages.push({
    name: 'ECDSA P-256 verify (OpenSSL)',
    micros: microsPerOp(() => verify('sha256', p256.data, p256.key, p256.signature)),
  });
  const p384 = ecdsaFixture('secp384r1', 'sha384');
  stages.push({
    name: 'ECDSA P-384 verify (OpenSSL)',
    micros: microsPerOp(() => verify('sha384', p384.data, p384.key, p384.signature)),
  });
  const p256Digest = createHash('sha256').update(p256.data).digest();
  stages.push({
    name: 'ECDSA P-256 verify over a digest (core, BigInt)',
    micros: microsPerOp(
      () => core.verifyPrehashedSignature(p256.key, p256Digest, p256.signature, 'sha256'),
      200,
    ),
    note: 'JavaScript path for digest-only input',
  });

  stages.push({
    name: 'SHA-256(artifact)',
    micros: microsPerOp((i) => createHash('sha256').update(pick(cases, i).artifact).digest()),
  });
  stages.push({
    name: 'sigstore-js bundleFromJSON + toSignedEntity',
    micros: microsPerOp((i) => {
      const c = pick(cases, i);
      return toSignedEntity(bundleFromJSON(c.bundleJson), c.artifact);
    }),
  });
  return stages;
}

/** The OpenSSL cost of one bundle's signature checks, from a census and the per-curve timings. */
export function cryptoFloorMicros(
  census: Record<string, number>,
  stages: readonly StageTiming[],
): number | null {
  const cost: Record<string, number | null | undefined> = {
    'P-256': stages.find((s) => s.name.startsWith('ECDSA P-256 verify (OpenSSL)'))?.micros,
    'P-384': stages.find((s) => s.name.startsWith('ECDSA P-384 verify (OpenSSL)'))?.micros,
  };
  let total = 0;
  for (const [kind, count] of Object.entries(census)) {
    const each = cost[kind];
    if (each == null) return null;
    total += count * each;
  }
  return total;
}

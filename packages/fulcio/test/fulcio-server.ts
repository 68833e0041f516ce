import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodePemBlocks,
  type PreparedTrustedRoot,
  parseTrustedRoot,
  prepareTrustedRoot,
  X509Certificate,
} from '@keyless/core';
import type { FulcioErrorJson, SigningCertificateJson } from '../src/protocol/types.js';
import { createFulcioServer, type FulcioServer, type FulcioServerOptions } from '../src/server/index.js';
import { listen } from './loopback.js';

/** A `signingCert` answer: a chain, or Fulcio's `{ code, message }` error. */
export type ResponseJson = SigningCertificateJson & Partial<FulcioErrorJson>;

export interface RunningFulcio {
  server: FulcioServer;
  /** The CA's base URL on loopback (mounted at `/fulcio`, as the dev stack does). */
  url: string;
  dir: string;
  /** POSTs `body` (JSON) to `signingCert`. */
  signingCert(
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: ResponseJson }>;
  /** The trusted root holding just this CA and its CT log, prepared. */
  trust(): PreparedTrustedRoot;
  close(): Promise<void>;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'keyless-fulcio-'));
}

/** Starts the CA on 127.0.0.1 under `/fulcio`, in a fresh folder unless `dir` is given. */
export async function startFulcio(
  options: Omit<FulcioServerOptions, 'dir' | 'url'> & { dir?: string },
): Promise<RunningFulcio> {
  const dir = options.dir ?? tempDir();
  let server: FulcioServer | undefined;
  const loopback = await listen((req, res) => {
    if (!req.url?.startsWith('/fulcio/')) return res.writeHead(404).end();
    req.url = req.url.slice('/fulcio'.length);
    server!.handler(req, res);
  });
  const url = `${loopback.origin}/fulcio`;
  server = await createFulcioServer({ ...options, dir, url });
  return {
    server,
    url,
    dir,
    async signingCert(body, headers = {}) {
      const response = await fetch(`${url}/api/v2/signingCert`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as ResponseJson };
    },
    trust: () =>
      prepareTrustedRoot(
        parseTrustedRoot({
          mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
          certificateAuthorities: [server!.certificateAuthority],
          ctlogs: [server!.ctlog],
        }),
      ),
    async close() {
      await server!.close();
      await loopback.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An ephemeral key as Fulcio clients make one, with the pieces of a `publicKeyRequest`. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** DER SubjectPublicKeyInfo. */
  spki: Uint8Array;
  pem: string;
  /** Base64 proof of possession over `challenge` (SHA-256 unless `hash` is given; Ed25519 hashes itself). */
  prove(challenge: string, hash?: string | null): string;
}

export function signingKey(
  type: 'p256' | 'p384' | 'p521' | 'rsa' | 'ed25519' | 'secp256k1' | 'rsa1024' = 'p256',
): SigningKey {
  const pair =
    type === 'rsa' || type === 'rsa1024'
      ? generateKeyPairSync('rsa', { modulusLength: type === 'rsa' ? 2048 : 1024 })
      : type === 'ed25519'
        ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('ec', {
            namedCurve: { p256: 'prime256v1', p384: 'secp384r1', p521: 'secp521r1', secp256k1: 'secp256k1' }[
              type
            ],
          });
  const defaultHash =
    type === 'ed25519' ? null : type === 'p384' ? 'sha384' : type === 'p521' ? 'sha512' : 'sha256';
  return {
    ...pair,
    spki: pair.publicKey.export({ type: 'spki', format: 'der' }),
    pem: pair.publicKey.export({ type: 'spki', format: 'pem' }) as string,
    prove: (challenge, hash = defaultHash) =>
      sign(hash, Buffer.from(challenge, 'utf8'), pair.privateKey).toString('base64'),
  };
}

/** A `signingCert` request body for `key`, proving possession over `challenge`. */
export function publicKeyRequest(token: string, key: SigningKey, challenge: string) {
  return {
    credentials: { oidcIdentityToken: token },
    publicKeyRequest: {
      publicKey: { algorithm: 'ECDSA', content: key.pem },
      proofOfPossession: key.prove(challenge),
    },
  };
}

/** The DER certificates of a `signingCert` response (leaf first). */
export function chainOf(json: ResponseJson): X509Certificate[] {
  return json.signedCertificateEmbeddedSct!.chain.certificates.map((pem) =>
    X509Certificate.parse(decodePemBlocks(pem)[0]!.der),
  );
}

import {
  decodePemBlocks,
  parseTrustedRoot,
  prepareTrustedRoot,
  type TrustedRootJson,
  X509Certificate,
} from '@keyless/core';
import { mswServer, readRealdataJson } from '@keyless/testkit';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { signingKey } from '../../test/fulcio-server.js';
import { FulcioError } from '../errors.js';
import type { SigningCertificateJson } from '../protocol/types.js';
import { createFulcioClient } from './client.js';

const BASE = 'https://fulcio.keyless.test';
const REAL = readRealdataJson<SigningCertificateJson>(
  'fulcio/signingcert-responses/fulcio-v2-signingCert-response-github-oauth-2025-11-20.json',
);
const realPems = REAL.signedCertificateEmbeddedSct!.chain.certificates;
const realLeaf = X509Certificate.parse(decodePemBlocks(realPems[0]!)[0]!.der);

function trust(name: 'production' | 'staging') {
  return prepareTrustedRoot(
    parseTrustedRoot(readRealdataJson<TrustedRootJson>(`trust/${name}/trusted_root.json`)),
  );
}

function answer(body: unknown) {
  mswServer.use(http.post(`${BASE}/api/v2/signingCert`, () => HttpResponse.json(body as object)));
}

/** A request for the real leaf's key (the proof is never checked by a replayed answer). */
const forRealLeaf = {
  identityToken: 'token',
  publicKey: realLeaf.subjectPublicKeyInfo,
  proofOfPossession: Uint8Array.of(1),
};

async function failure(run: Promise<unknown>): Promise<FulcioError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof FulcioError) return error;
  throw new Error(`expected a FulcioError, got ${String(error)}`);
}

describe('responses of a real Fulcio, replayed', () => {
  it('accepts the public-good signingCert response with the production trusted root', async () => {
    answer(REAL);
    const client = createFulcioClient({ baseUrl: BASE, trust: trust('production') });
    const chain = await client.requestCertificate(forRealLeaf);
    expect(chain.map((der) => Buffer.from(der).toString('base64'))).toEqual(
      realPems.map((pem) => Buffer.from(decodePemBlocks(pem)[0]!.der).toString('base64')),
    );
  });

  it('rejects it with the staging trusted root (ERR_FULCIO_CHAIN_UNTRUSTED)', async () => {
    answer(REAL);
    const client = createFulcioClient({ baseUrl: BASE, trust: trust('staging') });
    expect((await failure(client.requestCertificate(forRealLeaf))).code).toBe('ERR_FULCIO_CHAIN_UNTRUSTED');
  });

  it('rejects it when the intermediate in the answer is not the trusted one', async () => {
    const swapped = [realPems[0]!, realPems[2]!, realPems[2]!];
    answer({ signedCertificateEmbeddedSct: { chain: { certificates: swapped } } });
    const client = createFulcioClient({ baseUrl: BASE, trust: trust('production') });
    expect((await failure(client.requestCertificate(forRealLeaf))).code).toBe('ERR_FULCIO_CHAIN_UNTRUSTED');
  });

  it('rejects a certificate for another key than the one requested (ERR_FULCIO_RESPONSE_INVALID)', async () => {
    answer(REAL);
    const client = createFulcioClient({ baseUrl: BASE });
    const key = signingKey();
    const error = await failure(
      client.requestCertificate({ ...forRealLeaf, publicKey: new Uint8Array(key.spki) }),
    );
    expect(error.code).toBe('ERR_FULCIO_RESPONSE_INVALID');
    expect(error.message).toBe('Fulcio: issued a certificate for another public key');
  });

  it('returns the chain unchecked when no trusted root is given', async () => {
    answer(REAL);
    const client = createFulcioClient({ baseUrl: BASE });
    expect(await client.requestCertificate(forRealLeaf)).toHaveLength(3);
  });
});

describe('malformed answers', () => {
  it.each([
    ['an empty object', {}],
    ['an empty chain', { signedCertificateEmbeddedSct: { chain: { certificates: [] } } }],
    ['a chain of non-strings', { signedCertificateEmbeddedSct: { chain: { certificates: [1] } } }],
    [
      'a PEM that is not a certificate',
      {
        signedCertificateEmbeddedSct: {
          chain: { certificates: ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'] },
        },
      },
    ],
    ['an array', []],
  ])('refuses %s with ERR_FULCIO_RESPONSE_INVALID', async (_, body) => {
    answer(body);
    const client = createFulcioClient({ baseUrl: BASE });
    const error = await failure(client.requestCertificate(forRealLeaf));
    expect(error.code).toBe('ERR_FULCIO_RESPONSE_INVALID');
    expect(error.message).toMatch(/^Fulcio: /);
  });

  it('refuses a detached SCT when the chain must be checked (ERR_SCT_MISSING)', async () => {
    answer({
      signedCertificateDetachedSct: { chain: { certificates: realPems }, signedCertificateTimestamp: 'e30=' },
    });
    const client = createFulcioClient({ baseUrl: BASE, trust: trust('production') });
    expect((await failure(client.requestCertificate(forRealLeaf))).code).toBe('ERR_SCT_MISSING');
  });

  it('refuses a public key that is not SPKI before sending anything (ERR_FULCIO_BAD_REQUEST)', async () => {
    let sent = false;
    mswServer.use(
      http.post(`${BASE}/api/v2/signingCert`, () => {
        sent = true;
        return HttpResponse.json(REAL);
      }),
    );
    const client = createFulcioClient({ baseUrl: BASE });
    const error = await failure(
      client.requestCertificate({ ...forRealLeaf, publicKey: Uint8Array.of(1, 2) }),
    );
    expect([error.code, sent]).toEqual(['ERR_FULCIO_BAD_REQUEST', false]);
  });

  it('retries a 503 and then succeeds', async () => {
    let calls = 0;
    mswServer.use(
      http.post(`${BASE}/api/v2/signingCert`, () => {
        calls++;
        return calls === 1
          ? HttpResponse.json({ code: 503, message: 'busy' }, { status: 503 })
          : HttpResponse.json(REAL);
      }),
    );
    const { createHttpClient } = await import('@keyless/core/http');
    const client = createFulcioClient({
      baseUrl: BASE,
      http: createHttpClient({ service: 'Fulcio', backoff: { baseDelayMs: 1, maxDelayMs: 1 } }),
    });
    expect(await client.requestCertificate(forRealLeaf)).toHaveLength(3);
    expect(calls).toBe(2);
  });
});

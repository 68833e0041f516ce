import { decodePemBlocks } from '@keyless/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFulcio, startFulcio } from '../../test/fulcio-server.js';

let fulcio: RunningFulcio;

beforeAll(async () => {
  fulcio = await startFulcio({
    clientId: 'keyless',
    oidcIssuers: [
      { issuerUrl: 'http://127.0.0.1:9/email' },
      { issuerUrl: 'http://127.0.0.1:9/ci', type: 'github-workflow' },
    ],
  });
});
afterAll(() => fulcio.close());

interface Json {
  code?: number;
  chains?: { certificates: string[] }[];
}

async function get(path: string, init: RequestInit = {}) {
  const response = await fetch(`${fulcio.url}${path}`, init);
  return { status: response.status, headers: response.headers, json: (await response.json()) as Json };
}

describe('the other endpoints', () => {
  it('GET /api/v2/configuration lists the issuers with the audience and challenge claim', async () => {
    const { status, json } = await get('/api/v2/configuration');
    expect(status).toBe(200);
    expect(json).toEqual({
      issuers: [
        { issuerUrl: 'http://127.0.0.1:9/email', audience: 'keyless', challengeClaim: 'email' },
        { issuerUrl: 'http://127.0.0.1:9/ci', audience: 'keyless', challengeClaim: 'sub' },
      ],
    });
  });

  it('GET /api/v2/trustBundle gives the CA chain, the same as the trusted-root piece', async () => {
    const { status, json } = await get('/api/v2/trustBundle');
    expect(status).toBe(200);
    const ders = json.chains![0]!.certificates.map((pem) =>
      Buffer.from(decodePemBlocks(pem)[0]!.der).toString('base64'),
    );
    expect(ders).toEqual(fulcio.server.certificateAuthority.certChain.certificates.map((c) => c.rawBytes));
  });

  it('answers an unknown path with 404 in the JSON error shape', async () => {
    const { status, json } = await get('/api/v1/nothing');
    expect([status, json.code]).toEqual([404, 404]);
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const { status, headers } = await get('/api/v2/signingCert');
    expect(status).toBe(405);
    expect(headers.get('allow')).toBe('POST');
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const { status, json } = await get('/api/v2/signingCert', {
      method: 'POST',
      body: 'x'.repeat(1024 * 1024 + 1),
    });
    expect([status, json.code]).toEqual([413, 413]);
  });
});

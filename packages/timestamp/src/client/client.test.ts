import { sha256 } from '@keyless/core';
import { createHttpClient } from '@keyless/core/http';
import { mswServer } from '@keyless/testkit';
import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Loopback, listen, type RunningTsa, startTsa } from '../../test/tsa-server.js';
import { encodeTimeStampReq } from '../rfc3161/encode-request.js';
import { TSP_OID } from '../rfc3161/oids.js';
import { parseTimeStampResp } from '../rfc3161/parse.js';
import { parseTimeStampReq } from '../rfc3161/parse-request.js';
import type { TimeStampReq } from '../rfc3161/types.js';
import { verifyRfc3161Timestamp } from '../rfc3161/verify.js';
import { rejectionResponse } from '../server/response.js';
import { rfc3161TimestampVerifier } from '../sources/rfc3161-verifier.js';
import { createTimestampClient } from './client.js';
import { rfc3161TimestampSource } from './source.js';

const signature = new TextEncoder().encode('signature bytes');

describe('the TSA client against the local TSA', () => {
  let tsa: RunningTsa;
  let other: RunningTsa;
  beforeAll(async () => {
    [tsa, other] = await Promise.all([startTsa(), startTsa()]);
  });
  afterAll(() => Promise.all([tsa.stop(), other.stop()]));

  it('returns a TimeStampResp over the signature that verifies against the trusted TSA', async () => {
    const client = createTimestampClient({ url: tsa.endpoint, trust: tsa.trusted });
    const response = await client.timestamp(signature);
    expect(verifyRfc3161Timestamp(response, signature, tsa.trusted).authority).toBe(tsa.endpoint);
    expect(parseTimeStampResp(response).timeStampToken?.signedData.certificates).toHaveLength(2);
  });

  it('returns the response unverified when no trust is given', async () => {
    const response = await createTimestampClient({ url: tsa.endpoint }).timestamp(signature);
    expect(parseTimeStampResp(response).timeStampToken?.tstInfo.messageImprint.hashedMessage).toEqual(
      Uint8Array.from(sha256(signature)),
    );
  });

  it('refuses a token from a TSA outside its trust, naming the TSA', async () => {
    const client = createTimestampClient({ url: tsa.endpoint, trust: other.trusted });
    await expect(client.timestamp(signature)).rejects.toMatchObject({
      code: 'ERR_TIMESTAMP_UNTRUSTED',
      message: expect.stringMatching(new RegExp(`^TSA ${tsa.endpoint}: `)),
    });
  });

  it('serves as a TimestampSource whose evidence the rfc3161 verifier accepts', async () => {
    const source = rfc3161TimestampSource(createTimestampClient({ url: tsa.endpoint, trust: tsa.trusted }));
    const evidence = await source.timestamp({ signature });
    expect(evidence.kind).toBe('rfc3161');
    expect(rfc3161TimestampVerifier(tsa.trusted).verify(evidence, { signature }).authority).toBe(
      tsa.endpoint,
    );
  });

  it('rejects with the signal reason when aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    controller.abort(reason);
    const client = createTimestampClient({ url: tsa.endpoint });
    await expect(client.timestamp(signature, { signal: controller.signal })).rejects.toBe(reason);
  });
});

/**
 * A TSA that signs something other than what was asked: the proxy changes the request on its way
 * to the real TSA, so the reply is correctly signed but answers another question.
 */
async function tamperingProxy(
  target: string,
  tamper: (request: TimeStampReq) => TimeStampReq,
): Promise<Loopback> {
  return listen(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = tamper(parseTimeStampReq(Buffer.concat(chunks)));
    const upstream = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: encodeTimeStampReq(request),
    });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? '' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
}

describe('the TSA client against a TSA answering another request', () => {
  let tsa: RunningTsa;
  beforeAll(async () => {
    tsa = await startTsa();
  });
  afterAll(() => tsa.stop());

  it('refuses a token with another nonce', async () => {
    const proxy = await tamperingProxy(tsa.endpoint, (request) => ({
      ...request,
      nonce: request.nonce! + 1n,
    }));
    try {
      await expect(createTimestampClient({ url: proxy.origin }).timestamp(signature)).rejects.toMatchObject({
        code: 'ERR_TIMESTAMP_NONCE_MISMATCH',
      });
    } finally {
      await proxy.close();
    }
  });

  it('refuses a token over another imprint', async () => {
    const proxy = await tamperingProxy(tsa.endpoint, (request) => ({
      ...request,
      messageImprint: { ...request.messageImprint, hashedMessage: sha256(Uint8Array.of(0)) },
    }));
    try {
      await expect(
        createTimestampClient({ url: proxy.origin, trust: tsa.trusted }).timestamp(signature),
      ).rejects.toMatchObject({ code: 'ERR_TIMESTAMP_IMPRINT_MISMATCH' });
    } finally {
      await proxy.close();
    }
  });

  it('refuses a token without the nonce', async () => {
    const proxy = await tamperingProxy(tsa.endpoint, ({ nonce: _, ...request }) => request);
    try {
      await expect(createTimestampClient({ url: proxy.origin }).timestamp(signature)).rejects.toMatchObject({
        code: 'ERR_TIMESTAMP_NONCE_MISMATCH',
      });
    } finally {
      await proxy.close();
    }
  });
});

describe('the TSA client over HTTP', () => {
  const url = 'https://tsa.keyless.test/api/v1/timestamp';
  const noRetries = createHttpClient({ service: 'TSA', retries: 0 });
  const client = createTimestampClient({ url, http: noRetries });
  const reply = (body: Uint8Array, status = 200) =>
    new HttpResponse(body, { status, headers: { 'content-type': 'application/timestamp-reply' } });

  it('sends a DER TimeStampReq with the SHA-256 imprint of the signature, a nonce and certReq', async () => {
    let sent: { type: string | null; request: TimeStampReq } | undefined;
    mswServer.use(
      http.post(url, async ({ request }) => {
        sent = {
          type: request.headers.get('content-type'),
          request: parseTimeStampReq(new Uint8Array(await request.arrayBuffer())),
        };
        return reply(rejectionResponse({ failInfo: 'systemFailure', message: 'down' }));
      }),
    );
    await client.timestamp(signature).catch(() => undefined);
    expect(sent?.type).toBe('application/timestamp-query');
    expect(sent?.request).toMatchObject({ version: 1, certReq: true, nonce: expect.any(BigInt) });
    expect(sent?.request.messageImprint.hashAlgorithm.algorithm).toBe(TSP_OID.sha256);
    expect(sent?.request.messageImprint.hashedMessage).toEqual(Uint8Array.from(sha256(signature)));
  });

  it('reports a rejection with the TSA and what it said', async () => {
    mswServer.use(
      http.post(url, () => reply(rejectionResponse({ failInfo: 'badAlg', message: 'use SHA-512' }))),
    );
    await expect(client.timestamp(signature)).rejects.toMatchObject({
      code: 'ERR_TIMESTAMP_STATUS',
      message: `TSA ${url}: refused the request (status 2: badAlg; use SHA-512)`,
    });
  });

  it('reads a rejection sent with HTTP 400', async () => {
    mswServer.use(
      http.post(url, () => reply(rejectionResponse({ failInfo: 'badDataFormat', message: 'bad' }), 400)),
    );
    await expect(client.timestamp(signature)).rejects.toMatchObject({ code: 'ERR_TIMESTAMP_STATUS' });
  });

  it('reports an HTTP error as ERR_TSA_REQUEST_FAILED', async () => {
    mswServer.use(
      http.post(url, () => HttpResponse.json({ code: 503, message: 'overloaded' }, { status: 503 })),
    );
    await expect(client.timestamp(signature)).rejects.toMatchObject({
      code: 'ERR_TSA_REQUEST_FAILED',
      message: expect.stringContaining('overloaded'),
    });
  });

  it('reports a reply that is not a TimeStampResp as ERR_TSA_REQUEST_FAILED', async () => {
    mswServer.use(http.post(url, () => HttpResponse.text('<html>maintenance</html>')));
    await expect(client.timestamp(signature)).rejects.toMatchObject({
      code: 'ERR_TSA_REQUEST_FAILED',
      message: expect.stringContaining('not a TimeStampResp'),
    });
  });

  it('passes on the message of a JSON error sent with HTTP 400', async () => {
    mswServer.use(
      http.post(url, () => HttpResponse.json({ code: 400, message: 'bad hash' }, { status: 400 })),
    );
    await expect(client.timestamp(signature)).rejects.toMatchObject({
      code: 'ERR_TSA_REQUEST_FAILED',
      message: expect.stringMatching(/HTTP 400 .*: bad hash$/),
    });
  });

  it('reports a granted status without a token as malformed', async () => {
    mswServer.use(http.post(url, () => reply(Uint8Array.of(0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x00))));
    await expect(client.timestamp(signature)).rejects.toMatchObject({ code: 'ERR_TIMESTAMP_MALFORMED' });
  });
});

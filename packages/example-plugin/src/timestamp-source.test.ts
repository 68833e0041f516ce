import { children, parseDer, sha256, Tag } from '@keyless/core';
import { mswServer, readRealdata } from '@keyless/testkit';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { ExamplePluginError } from './errors.js';
import { rfc3161TimestampSource, timeStampRequest, timeStampStatus } from './timestamp-source.js';

const TSA = 'https://timestamp.example/api/v1/timestamp';
const granted = readRealdata('tsa/prod-conformance-managed-key-happy-path.tsr');
const signature = new TextEncoder().encode('signature bytes');

describe('timeStampRequest', () => {
  it('encodes version 1, a SHA-256 imprint of the data, the nonce and certReq', () => {
    const request = parseDer(timeStampRequest(signature, Uint8Array.of(0x80, 1)));
    const [version, imprint, nonce, certReq] = children(request);
    expect([...version!.value]).toEqual([1]);
    const [algorithm, digest] = children(imprint!);
    expect(children(algorithm!)[0]!.tag).toBe(Tag.OID);
    expect(Buffer.from(digest!.value)).toEqual(Buffer.from(sha256(signature)));
    expect([...nonce!.value]).toEqual([0, 0x80, 1]);
    expect([...certReq!.value]).toEqual([0xff]);
  });
});

describe('timeStampStatus', () => {
  it('reads a granted response with its token', () => {
    expect(timeStampStatus(granted)).toEqual({ status: 0, hasToken: true });
  });
});

describe('rfc3161TimestampSource', () => {
  it('posts a TimeStampReq for the signature and returns the TSA response as evidence', async () => {
    let seen: { type: string | null; body: Uint8Array } | undefined;
    mswServer.use(
      http.post(TSA, async ({ request }) => {
        seen = {
          type: request.headers.get('content-type'),
          body: new Uint8Array(await request.arrayBuffer()),
        };
        return new HttpResponse(granted, { headers: { 'content-type': 'application/timestamp-reply' } });
      }),
    );
    const evidence = await rfc3161TimestampSource({ EXAMPLE_TSA_URL: TSA }).timestamp({ signature });
    expect(evidence).toEqual({ kind: 'rfc3161', signedTimestamp: new Uint8Array(granted) });
    expect(seen?.type).toBe('application/timestamp-query');
    expect(Buffer.from(children(children(parseDer(seen!.body))[1]!)[1]!.value)).toEqual(
      Buffer.from(sha256(signature)),
    );
  });

  it('refuses a rejection from the TSA', async () => {
    // TimeStampResp { status: PKIStatusInfo { rejection(2) } }
    const rejection = Uint8Array.of(0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02);
    mswServer.use(http.post(TSA, () => new HttpResponse(rejection)));
    const err = await rfc3161TimestampSource({ EXAMPLE_TSA_URL: TSA })
      .timestamp({ signature })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExamplePluginError);
    expect((err as ExamplePluginError).code).toBe('ERR_EXAMPLE_TSA');
  });

  it('says to set EXAMPLE_TSA_URL when it is not configured', async () => {
    const err = await rfc3161TimestampSource({})
      .timestamp({ signature })
      .catch((e: unknown) => e);
    expect((err as ExamplePluginError).code).toBe('ERR_EXAMPLE_NOT_CONFIGURED');
    expect((err as ExamplePluginError).message).toBe(
      'set EXAMPLE_TSA_URL to the URL of an RFC 3161 timestamp authority',
    );
  });
});

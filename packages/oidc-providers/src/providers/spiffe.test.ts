import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Http2Server, type ServerHttp2Stream } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { oidcFailure } from '../../test/helpers/errors.js';
import { fakeJwt } from '../../test/helpers/tokens.js';
import { decodeJwtSvidResponse } from '../spiffe/protobuf.js';
import { parseWorkloadApiAddress, spiffeProvider } from './spiffe.js';

const dir = mkdtempSync(join(tmpdir(), 'keyless-spiffe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const servers: Http2Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** Decodes a JWTSVIDRequest's audiences (field 1) for the fake agent. */
function audiences(message: Buffer): string[] {
  const out: string[] = [];
  for (let i = 0; i < message.length; ) {
    const key = message[i++]!;
    const length = message[i++]!;
    if (key === 0x0a) out.push(message.subarray(i, i + length).toString());
    i += length;
  }
  return out;
}

function jwtSvidResponse(spiffeId: string, token: string): Buffer {
  const field = (n: number, text: string) => [
    (n << 3) | 2,
    ...varint(Buffer.byteLength(text)),
    ...Buffer.from(text),
  ];
  const inner = [...field(1, spiffeId), ...field(2, token)];
  return Buffer.from([0x0a, ...varint(inner.length), ...inner]);
}

function varint(n: number): number[] {
  const out: number[] = [];
  for (let v = n; ; v = Math.floor(v / 128)) {
    if (v < 128) return [...out, v];
    out.push((v & 0x7f) | 0x80);
  }
}

function framed(message: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(message.length, 1);
  return Buffer.concat([head, message]);
}

interface Seen {
  path?: string;
  metadata?: string | string[] | undefined;
  audiences?: string[];
}

type Handler = (stream: ServerHttp2Stream, request: Buffer) => void;

/** A SPIRE-agent-like Workload API on a Unix socket, speaking gRPC over HTTP/2 cleartext. */
async function workloadApi(handler: Handler, seen: Seen = {}): Promise<string> {
  const socket = join(dir, `agent-${servers.length}-${Date.now()}.sock`);
  const server = createServer();
  server.on('stream', (stream, headers) => {
    seen.path = headers[':path'];
    seen.metadata = headers['workload.spiffe.io'];
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const body = Buffer.concat(chunks);
      const message = body.subarray(5, 5 + body.readUInt32BE(1));
      seen.audiences = audiences(message);
      handler(stream, message);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return `unix://${socket}`;
}

const answerWith =
  (spiffeId: string, token: string): Handler =>
  (stream) => {
    stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
    stream.end(framed(jwtSvidResponse(spiffeId, token)));
  };

describe('spiffeProvider', () => {
  it('is detected when SPIFFE_ENDPOINT_SOCKET is set', async () => {
    expect(
      await spiffeProvider({ env: { SPIFFE_ENDPOINT_SOCKET: 'unix:///run/spire/agent.sock' } }).detect?.(),
    ).toBe(true);
    expect(await spiffeProvider({ env: {} }).detect?.()).toBe(false);
  });

  it('fetches a JWT-SVID for the audience over the Workload API', async () => {
    const token = fakeJwt({ iss: 'https://oidc.example.org', sub: 'spiffe://example.org/ci' });
    const seen: Seen = {};
    const socket = await workloadApi(answerWith('spiffe://example.org/ci', token), seen);
    const provider = spiffeProvider({ env: { SPIFFE_ENDPOINT_SOCKET: socket } });
    await expect(provider.getToken({ audience: 'sigstore' })).resolves.toBe(token);
    expect(seen).toEqual({
      path: '/SpiffeWorkloadAPI/FetchJWTSVID',
      metadata: 'true',
      audiences: ['sigstore'],
    });
  });

  it('reports the gRPC status the agent refuses with', async () => {
    const socket = await workloadApi((stream) => {
      stream.respond(
        {
          ':status': 200,
          'content-type': 'application/grpc',
          'grpc-status': '7',
          'grpc-message': 'no%20identity%20issued',
        },
        { endStream: true },
      );
    });
    const err = await oidcFailure(spiffeProvider({ socket }).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_PROVIDER_FAILED');
    expect(err.message).toBe(
      `spiffe: FetchJWTSVID on the Workload API at ${socket.slice('unix://'.length)} failed: PERMISSION_DENIED: no identity issued`,
    );
  });

  it('says the socket cannot be reached when no agent listens', async () => {
    const path = join(dir, 'nobody.sock');
    const err = await oidcFailure(
      spiffeProvider({ socket: `unix://${path}` }).getToken({ audience: 'sigstore' }),
    );
    expect(err.code).toBe('ERR_PROVIDER_UNAVAILABLE');
    expect(err.message).toMatch(
      new RegExp(`^spiffe: the Workload API at ${path} cannot be reached: .*ENOENT`),
    );
  });

  it('gives up on an agent that does not answer', async () => {
    const socket = await workloadApi(() => {
      // Never answers.
    });
    const err = await oidcFailure(
      spiffeProvider({ socket, timeoutMs: 200 }).getToken({ audience: 'sigstore' }),
    );
    expect(err.code).toBe('ERR_PROVIDER_FAILED');
    expect(err.message).toMatch(/failed: DEADLINE_EXCEEDED: no answer within 200 ms$/);
  });

  it('picks the SVID of the requested SPIFFE ID', async () => {
    const socket = await workloadApi(answerWith('spiffe://example.org/other', fakeJwt()));
    const err = await oidcFailure(
      spiffeProvider({ socket, spiffeId: 'spiffe://example.org/ci' }).getToken({ audience: 'sigstore' }),
    );
    expect(err.message).toBe('spiffe: the Workload API returned no JWT-SVID for spiffe://example.org/ci');
  });
});

describe('parseWorkloadApiAddress', () => {
  it('reads unix and tcp addresses', () => {
    expect(parseWorkloadApiAddress('unix:///run/spire/agent.sock')).toEqual({
      kind: 'unix',
      path: '/run/spire/agent.sock',
    });
    expect(parseWorkloadApiAddress('unix:/tmp/a.sock')).toEqual({ kind: 'unix', path: '/tmp/a.sock' });
    expect(parseWorkloadApiAddress('tcp://127.0.0.1:8081')).toEqual({
      kind: 'tcp',
      host: '127.0.0.1',
      port: 8081,
    });
  });

  it('refuses anything else', () => {
    expect(() => parseWorkloadApiAddress('/run/spire/agent.sock')).toThrow('must be unix:///path/to/socket');
    expect(() => parseWorkloadApiAddress('tcp://127.0.0.1')).toThrow('must be unix:///path/to/socket');
  });
});

it('the fake agent speaks the same protobuf the provider decodes', () => {
  expect(decodeJwtSvidResponse(jwtSvidResponse('spiffe://a', 'b'))).toEqual([
    { spiffeId: 'spiffe://a', svid: 'b' },
  ]);
});

import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreError } from '../errors/keyless-error.js';
import { createHttpClient, type HttpClient, httpErrorDetails } from './index.js';

// These tests talk to real servers on 127.0.0.1, so every request crosses the undici Agent
// dispatcher given to the global fetch (msw lets loopback through untouched).

const servers: Server[] = [];
const clients: HttpClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function client(options: Parameters<typeof createHttpClient>[0] = {}): HttpClient {
  const c = createHttpClient({ service: 'Local', backoff: { baseDelayMs: 1, maxDelayMs: 5 }, ...options });
  clients.push(c);
  return c;
}

async function rejection(promise: Promise<unknown>): Promise<CoreError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof CoreError) return err;
    throw err;
  }
  throw new Error('expected the request to fail');
}

describe('through a real loopback server', () => {
  it('round-trips JSON through the Agent dispatcher', async () => {
    let agent: string | undefined;
    const base = await serve((req, res) => {
      agent = req.headers['user-agent'];
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ path: req.url }));
    });
    await expect(client().getJson(`${base}/api/v1/log?x=1`)).resolves.toEqual({ path: '/api/v1/log?x=1' });
    expect(agent).toMatch(/^keyless \(node\//);
  });

  it('times out an attempt within its deadline', async () => {
    const base = await serve(() => {
      // Never answers.
    });
    const started = Date.now();
    const err = await rejection(client({ timeoutMs: 150, retries: 0 }).getJson(`${base}/slow`));
    const elapsed = Date.now() - started;
    expect(err.code).toBe('ERR_HTTP');
    expect(err.message).toBe(`Local: GET ${base}/slow timed out after 150 ms`);
    expect(httpErrorDetails(err)?.failure).toBe('timeout');
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(1000);
  });

  it('times out a body that stalls after the headers', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write('partial');
    });
    const err = await rejection(client({ timeoutMs: 150, retries: 0 }).getBytes(`${base}/stall`));
    expect(err.message).toContain('timed out after 150 ms');
  });

  it('retries timeouts of idempotent requests', async () => {
    let hits = 0;
    const base = await serve((_req, res) => {
      if (++hits === 2) res.end('ok');
    });
    await expect(client({ timeoutMs: 100, retries: 1 }).getBytes(`${base}/`)).resolves.toEqual(
      new TextEncoder().encode('ok'),
    );
    expect(hits).toBe(2);
  });

  it('retries 503 and then succeeds', async () => {
    let hits = 0;
    const base = await serve((_req, res) => {
      hits++;
      res.statusCode = hits < 3 ? 503 : 200;
      res.end(hits < 3 ? 'busy' : 'done');
    });
    const response = await client().request({ url: `${base}/` });
    expect(response.text()).toBe('done');
    expect(hits).toBe(3);
  });

  it('sends the same body again when retrying a PUT', async () => {
    const bodies: string[] = [];
    const base = await serve((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        bodies.push(body);
        res.statusCode = bodies.length === 1 ? 502 : 201;
        res.end();
      });
    });
    const response = await client().request({
      method: 'PUT',
      url: `${base}/v2/app/manifests/latest`,
      body: '{"schemaVersion":2}',
      expect: [201],
    });
    expect(response.status).toBe(201);
    expect(bodies).toEqual(['{"schemaVersion":2}', '{"schemaVersion":2}']);
  });

  it('replays a GET once when the connection drops, even with retries disabled', async () => {
    let hits = 0;
    const base = await serve((req, res) => {
      if (++hits === 1) {
        req.socket.destroy();
        return;
      }
      res.end('second try');
    });
    // Only the undici retry interceptor inside the dispatcher can produce the second attempt here.
    const response = await client({ retries: 0 }).request({ url: `${base}/` });
    expect(response.text()).toBe('second try');
    expect(hits).toBe(2);
  });

  it('never repeats a POST whose connection dropped', async () => {
    let hits = 0;
    const base = await serve((req) => {
      hits++;
      req.socket.destroy();
    });
    const err = await rejection(client().postJson(`${base}/api/v1/log/entries`, {}));
    expect(err.code).toBe('ERR_HTTP');
    expect(httpErrorDetails(err)?.failure).toBe('network');
    expect(hits).toBe(1);
  });

  it('reports a refused connection after its retries', async () => {
    const base = await serve(() => {});
    servers.splice(0).forEach((s) => {
      s.close();
    });
    const err = await rejection(client({ retries: 2 }).getBytes(`${base}/`));
    expect(err.message).toMatch(
      /^Local: GET http:\/\/127\.0\.0\.1:\d+\/ failed: .*ECONNREFUSED.*\(gave up after 3 attempts\)$/,
    );
    expect(httpErrorDetails(err)?.attempts).toBe(3);
  });

  it('cuts off a streamed body past maxResponseBytes', async () => {
    let written = 0;
    const base = await serve((_req, res) => {
      // Chunked, no Content-Length: the limit must be enforced while reading.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(16 * 1024);
      const pump = () => {
        while (written < 64 * 1024 * 1024 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const err = await rejection(client({ maxResponseBytes: 256 * 1024 }).getBytes(`${base}/blob`));
    expect(err.code).toBe('ERR_INPUT_TOO_LARGE');
    expect(err.message).toBe(
      `Local: GET ${base}/blob response is larger than 256 KiB (raise maxResponseBytes if this is expected)`,
    );
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('accepts a body exactly at maxResponseBytes', async () => {
    const base = await serve((_req, res) => res.end(Buffer.alloc(4096, 7)));
    const body = await client({ maxResponseBytes: 4096 }).getBytes(`${base}/`);
    expect(body.byteLength).toBe(4096);
  });
});

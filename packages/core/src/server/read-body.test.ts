import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readBody } from './read-body.js';
import { sendError, sendJson } from './send.js';

const servers: Server[] = [];

afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** A loopback server answering the length of a body of at most `limit` bytes, or 413. */
async function echoLength(limit: number): Promise<number> {
  const server = createServer((req, res) => {
    readBody(req, limit).then((body) => {
      if (body === undefined) sendError(res, 413, 'too large');
      else sendJson(res, 200, { length: body.length, text: body.toString('utf8') });
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Posts `chunks` without a Content-Length (chunked encoding); resolves to the status and body. */
function postChunked(port: number, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('readBody', () => {
  it('reads a body up to the limit', async () => {
    const port = await echoLength(10);
    const response = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '0123456789' });
    expect(await response.json()).toEqual({ length: 10, text: '0123456789' });
  });

  it('refuses a body whose Content-Length exceeds the limit', async () => {
    const port = await echoLength(10);
    const response = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'x'.repeat(11) });
    expect([response.status, await response.json()]).toEqual([413, { code: 413, message: 'too large' }]);
  });

  it('refuses a chunked body once it grows past the limit, and the 413 still arrives', async () => {
    const port = await echoLength(10);
    const { status, body } = await postChunked(port, ['x'.repeat(8), 'x'.repeat(8), 'x'.repeat(8)]);
    expect([status, JSON.parse(body)]).toEqual([413, { code: 413, message: 'too large' }]);
  });

  it('joins the chunks of a chunked body within the limit', async () => {
    const port = await echoLength(10);
    const { status, body } = await postChunked(port, ['01234', '56789']);
    expect([status, JSON.parse(body)]).toEqual([200, { length: 10, text: '0123456789' }]);
  });
});

import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { errorBody, send, sendError, sendJson } from './send.js';

const servers: Server[] = [];

afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function fetchFrom(listener: RequestListener): Promise<Response> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
}

describe('send', () => {
  it('sends the body with its content type and byte length', async () => {
    const response = await fetchFrom((_req, res) => send(res, 200, 'text/plain; charset=utf-8', 'héllo'));
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('content-length')).toBe('6');
    expect(await response.text()).toBe('héllo');
  });

  it('sends bytes as they are', async () => {
    const response = await fetchFrom((_req, res) =>
      send(res, 200, 'application/octet-stream', new Uint8Array([0, 255])),
    );
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([0, 255]));
  });

  it('adds the extra headers', async () => {
    const response = await fetchFrom((_req, res) =>
      send(res, 200, 'text/plain', 'x', { 'cache-control': 'no-store' }),
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('sendJson', () => {
  it('sends the value as application/json', async () => {
    const response = await fetchFrom((_req, res) => sendJson(res, 201, { a: [1] }, { location: '/a' }));
    expect([response.status, response.headers.get('content-type'), response.headers.get('location')]).toEqual(
      [201, 'application/json', '/a'],
    );
    expect(await response.json()).toEqual({ a: [1] });
  });
});

describe('sendError', () => {
  it('sends the { code, message } shape with the status as code', async () => {
    const response = await fetchFrom((_req, res) => sendError(res, 405, 'use POST', { allow: 'POST' }));
    expect([response.status, response.headers.get('allow')]).toEqual([405, 'POST']);
    expect(await response.json()).toEqual({ code: 405, message: 'use POST' });
  });
});

describe('errorBody', () => {
  it('puts the status in code', () => {
    expect(errorBody(404, 'no such entry')).toEqual({ code: 404, message: 'no such entry' });
  });
});

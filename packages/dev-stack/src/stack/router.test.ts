import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { routeByPrefix } from './router.js';

function fakeRequest(url: string) {
  return { url, method: 'GET' } as IncomingMessage;
}

function fakeResponse() {
  const res = {
    status: 0,
    body: '',
    writeHead(status: number) {
      res.status = status;
      return res;
    },
    end(body: string) {
      res.body = body;
    },
  };
  return res as typeof res & ServerResponse;
}

describe('routeByPrefix', () => {
  const seen: string[] = [];
  const route = routeByPrefix([
    { prefix: '/rekor', handler: (req) => seen.push(`rekor ${req.url}`) },
    { prefix: '/rekor-v2', handler: (req) => seen.push(`rekor-v2 ${req.url}`) },
  ]);

  it.each([
    ['/rekor/api/v1/log', 'rekor /api/v1/log'],
    ['/rekor-v2/api/v2/log/entries', 'rekor-v2 /api/v2/log/entries'],
    ['/rekor', 'rekor /'],
    ['/rekor?x=1', 'rekor /?x=1'],
    ['/rekor/api/v1/log/entries?logIndex=3', 'rekor /api/v1/log/entries?logIndex=3'],
  ])('sends %s to the service with the prefix stripped', (url, expected) => {
    seen.length = 0;
    route(fakeRequest(url), fakeResponse());
    expect(seen).toEqual([expected]);
  });

  it('answers 404 JSON naming the services for a path under no prefix', () => {
    const res = fakeResponse();
    route(fakeRequest('/rekorx/api'), res);
    expect([res.status, JSON.parse(res.body)]).toEqual([
      404,
      { code: 404, message: 'no service at /rekorx/api; services: /rekor-v2, /rekor' },
    ]);
  });
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFetch } from './record.js';

let base: string;
const server = createServer((req, res) => {
  res.writeHead(req.url === '/bytes' ? 200 : 201, {
    'content-type': req.url === '/bytes' ? 'application/octet-stream' : 'application/json',
    'x-private': 'not recorded',
  });
  res.end(req.url === '/bytes' ? Buffer.from([0, 1, 2]) : '{"ok":true}');
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('recordFetch', () => {
  it('records requests and answers made inside run(), without credentials', async () => {
    const recorder = recordFetch();
    try {
      await recorder.run(() =>
        fetch(`${base}/json`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer secret' },
          body: '{"a":1}',
        }),
      );
    } finally {
      recorder.restore();
    }
    expect(recorder.exchanges).toEqual([
      {
        request: {
          method: 'POST',
          url: `${base}/json`,
          headers: { 'content-type': 'application/json' },
          body: { encoding: 'utf8', data: '{"a":1}' },
        },
        response: {
          status: 201,
          headers: { 'content-type': 'application/json' },
          body: { encoding: 'utf8', data: '{"ok":true}' },
        },
      },
    ]);
  });

  it('keeps binary bodies in base64', async () => {
    const recorder = recordFetch();
    try {
      await recorder.run(() => fetch(`${base}/bytes`));
    } finally {
      recorder.restore();
    }
    expect(recorder.exchanges[0]?.response.body).toEqual({ encoding: 'base64', data: 'AAEC' });
  });

  it('ignores requests made outside run()', async () => {
    const recorder = recordFetch();
    try {
      await fetch(`${base}/json`);
    } finally {
      recorder.restore();
    }
    expect(recorder.exchanges).toEqual([]);
  });
});

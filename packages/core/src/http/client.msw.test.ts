import { mswServer } from '@keyless/testkit';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors/keyless-error.js';
import { createHttpClient, httpErrorDetails } from './index.js';

const fast = { baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 50 };

function client(options: Parameters<typeof createHttpClient>[0] = {}) {
  return createHttpClient({ service: 'Rekor', backoff: fast, ...options });
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

describe('retries', () => {
  it('retries a GET after 503 and returns the later success', async () => {
    let calls = 0;
    mswServer.use(
      http.get('https://rekor.test/api/v1/log', () =>
        ++calls < 3 ? new HttpResponse('busy', { status: 503 }) : HttpResponse.json({ treeSize: 7 }),
      ),
    );
    await expect(client().getJson('https://rekor.test/api/v1/log')).resolves.toEqual({ treeSize: 7 });
    expect(calls).toBe(3);
  });

  it('gives up after the configured retries and reports the attempts', async () => {
    let calls = 0;
    mswServer.use(
      http.get('https://rekor.test/api/v1/log', () => {
        calls++;
        return new HttpResponse('down for maintenance', { status: 503 });
      }),
    );
    const err = await rejection(client({ retries: 2 }).getJson('https://rekor.test/api/v1/log'));
    expect(calls).toBe(3);
    expect(err.code).toBe('ERR_HTTP');
    expect(err.message).toBe(
      'Rekor: GET https://rekor.test/api/v1/log returned HTTP 503 Service Unavailable: down for maintenance (gave up after 3 attempts)',
    );
    expect(httpErrorDetails(err)).toMatchObject({ failure: 'status', status: 503, attempts: 3 });
  });

  it('waits for Retry-After on 429, capped by maxRetryAfterMs', async () => {
    const seen: number[] = [];
    mswServer.use(
      http.get('https://rekor.test/api/v1/log', () => {
        seen.push(Date.now());
        return seen.length === 1
          ? new HttpResponse(null, { status: 429, headers: { 'retry-after': '30' } })
          : HttpResponse.json({});
      }),
    );
    await client({ backoff: { ...fast, maxRetryAfterMs: 150 } }).getJson('https://rekor.test/api/v1/log');
    expect(seen).toHaveLength(2);
    // The server asked for 30 s; the client waited the 150 ms cap, far beyond its 5 ms backoff.
    expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(140);
    expect(seen[1]! - seen[0]!).toBeLessThan(2000);
  });

  it('does not retry a POST after 503', async () => {
    let calls = 0;
    mswServer.use(
      http.post('https://rekor.test/api/v1/log/entries', () => {
        calls++;
        return new HttpResponse(null, { status: 503 });
      }),
    );
    const err = await rejection(client().postJson('https://rekor.test/api/v1/log/entries', { kind: 'x' }));
    expect(calls).toBe(1);
    expect(err.message).not.toContain('attempts');
  });

  it('retries a POST the caller marks idempotent', async () => {
    let calls = 0;
    mswServer.use(
      http.post('https://rekor.test/api/v1/index/retrieve', () =>
        ++calls === 1 ? new HttpResponse(null, { status: 502 }) : HttpResponse.json(['uuid']),
      ),
    );
    const found = await client().postJson(
      'https://rekor.test/api/v1/index/retrieve',
      { hash: 'sha256:00' },
      {
        idempotent: true,
      },
    );
    expect(found).toEqual(['uuid']);
    expect(calls).toBe(2);
  });

  it('retries a GET after a network error', async () => {
    let calls = 0;
    mswServer.use(
      http.get('https://rekor.test/api/v1/log', () =>
        ++calls === 1 ? HttpResponse.error() : HttpResponse.json({}),
      ),
    );
    await expect(client().getJson('https://rekor.test/api/v1/log')).resolves.toEqual({});
    expect(calls).toBe(2);
  });

  it('does not retry 400', async () => {
    let calls = 0;
    mswServer.use(
      http.get('https://rekor.test/api/v1/log', () => {
        calls++;
        return new HttpResponse(null, { status: 400 });
      }),
    );
    await rejection(client().getJson('https://rekor.test/api/v1/log'));
    expect(calls).toBe(1);
  });

  it("rejects with the caller's abort reason and stops retrying", async () => {
    let calls = 0;
    const controller = new AbortController();
    mswServer.use(
      http.get('https://rekor.test/api/v1/log', () => {
        calls++;
        controller.abort(new Error('user cancelled'));
        return new HttpResponse(null, { status: 503 });
      }),
    );
    await expect(
      client({ backoff: { baseDelayMs: 1000, maxDelayMs: 1000 } }).getJson('https://rekor.test/api/v1/log', {
        signal: controller.signal,
      }),
    ).rejects.toThrow('user cancelled');
    expect(calls).toBe(1);
  });
});

describe('errors', () => {
  it('names the service, method, URL, status and the message of a JSON error body', async () => {
    mswServer.use(
      http.post('https://rekor.test/api/v1/log/entries', () =>
        HttpResponse.json({ code: 409, message: 'an equivalent entry already exists' }, { status: 409 }),
      ),
    );
    const err = await rejection(client().postJson('https://rekor.test/api/v1/log/entries', {}));
    expect(err.message).toBe(
      'Rekor: POST https://rekor.test/api/v1/log/entries returned HTTP 409 Conflict: an equivalent entry already exists',
    );
    expect(httpErrorDetails(err)?.serverMessage).toBe('an equivalent entry already exists');
  });

  it('leaves query strings out of messages', async () => {
    mswServer.use(http.get('https://blob.test/data', () => new HttpResponse('nope', { status: 403 })));
    const err = await rejection(client().getBytes('https://blob.test/data?X-Signature=s3cr3t#frag'));
    expect(err.message).toContain('GET https://blob.test/data returned HTTP 403');
    expect(err.message).not.toContain('s3cr3t');
    expect(httpErrorDetails(err)?.url).toBe('https://blob.test/data');
  });

  it('rejects a body that is not JSON from getJson', async () => {
    mswServer.use(http.get('https://rekor.test/api/v1/log', () => HttpResponse.html('<html>hi</html>')));
    const err = await rejection(client().getJson('https://rekor.test/api/v1/log'));
    expect(err.code).toBe('ERR_HTTP');
    expect(err.message).toContain('returned a body that is not JSON (HTTP 200, text/html)');
  });

  it('refuses a body whose Content-Length exceeds maxResponseBytes', async () => {
    mswServer.use(
      http.get(
        'https://blob.test/big',
        () => new HttpResponse(new Uint8Array(2048), { headers: { 'content-length': '2048' } }),
      ),
    );
    const err = await rejection(client({ maxResponseBytes: 1024 }).getBytes('https://blob.test/big'));
    expect(err.code).toBe('ERR_INPUT_TOO_LARGE');
    expect(err.message).toContain('larger than 1 KiB');
  });

  it('returns a status listed in expect instead of throwing', async () => {
    mswServer.use(
      http.get(
        'https://registry.test/v2/',
        () =>
          new HttpResponse(null, {
            status: 401,
            headers: { 'www-authenticate': 'Bearer realm="https://auth.test/token"' },
          }),
      ),
    );
    const response = await client().request({ url: 'https://registry.test/v2/', expect: [200, 401] });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('auth.test');
  });
});

describe('transport policy', () => {
  it('refuses plain http to a remote host without sending anything', async () => {
    let calls = 0;
    mswServer.use(
      http.get('http://mirror.test/root.json', () => {
        calls++;
        return HttpResponse.json({});
      }),
    );
    const err = await rejection(client().getJson('http://mirror.test/root.json'));
    expect(err.code).toBe('ERR_HTTP_INSECURE');
    expect(err.message).toContain('allowInsecureHttp: true');
    expect(calls).toBe(0);
  });

  it('allows plain http to a remote host with allowInsecureHttp', async () => {
    mswServer.use(http.get('http://mirror.test/root.json', () => HttpResponse.json({ ok: true })));
    const json = await client({ allowInsecureHttp: true }).getJson('http://mirror.test/root.json');
    expect(json).toEqual({ ok: true });
  });

  it('allows plain http to loopback', async () => {
    mswServer.use(http.get('http://127.0.0.1:8080/api/v1/log', () => HttpResponse.json({ ok: true })));
    await expect(client().getJson('http://127.0.0.1:8080/api/v1/log')).resolves.toEqual({ ok: true });
  });

  it('refuses a URL scheme other than http and https', async () => {
    const err = await rejection(client().getBytes('file:///etc/passwd'));
    expect(err.code).toBe('ERR_HTTP');
    expect(err.message).toContain('only http and https URLs are supported');
  });

  it('sends its User-Agent', async () => {
    let agent: string | null = null;
    mswServer.use(
      http.get('https://rekor.test/ua', ({ request }) => {
        agent = request.headers.get('user-agent');
        return HttpResponse.json({});
      }),
    );
    await client({ userAgent: 'keyless-test/1.0' }).getJson('https://rekor.test/ua');
    expect(agent).toBe('keyless-test/1.0');
  });
});

describe('redirects', () => {
  it('drops Authorization and Cookie when a redirect leaves the origin', async () => {
    const seen: Record<string, string | null> = {};
    mswServer.use(
      http.get('https://registry.test/v2/app/blobs/sha256:ab', ({ request }) => {
        seen.registry = request.headers.get('authorization');
        return new HttpResponse(null, { status: 307, headers: { location: 'https://cdn.test/blob?sig=1' } });
      }),
      http.get('https://cdn.test/blob', ({ request }) => {
        seen.cdn = request.headers.get('authorization');
        seen.cookie = request.headers.get('cookie');
        return new HttpResponse(new Uint8Array([1, 2, 3]));
      }),
    );
    const response = await client().request({
      url: 'https://registry.test/v2/app/blobs/sha256:ab',
      headers: { authorization: 'Bearer registry-token', cookie: 'session=1' },
    });
    expect(response.body).toEqual(new Uint8Array([1, 2, 3]));
    expect(response.url).toBe('https://cdn.test/blob?sig=1');
    expect(seen).toEqual({ registry: 'Bearer registry-token', cdn: null, cookie: null });
  });

  it('keeps Authorization on a same-origin redirect', async () => {
    let seen: string | null = null;
    mswServer.use(
      http.get(
        'https://registry.test/old',
        () => new HttpResponse(null, { status: 301, headers: { location: '/new' } }),
      ),
      http.get('https://registry.test/new', ({ request }) => {
        seen = request.headers.get('authorization');
        return HttpResponse.json({});
      }),
    );
    await client().getJson('https://registry.test/old', { headers: { authorization: 'Bearer t' } });
    expect(seen).toBe('Bearer t');
  });

  it('refuses a redirect from https to plain http', async () => {
    mswServer.use(
      http.get(
        'https://tuf.test/root.json',
        () => new HttpResponse(null, { status: 302, headers: { location: 'http://tuf.test/root.json' } }),
      ),
    );
    const err = await rejection(client().getJson('https://tuf.test/root.json'));
    expect(err.code).toBe('ERR_HTTP_INSECURE');
  });

  it('stops after 5 redirects', async () => {
    let calls = 0;
    mswServer.use(
      http.get('https://loop.test/:n', ({ params }) => {
        calls++;
        const next = Number(params.n) + 1;
        return new HttpResponse(null, { status: 302, headers: { location: `/${next}` } });
      }),
    );
    const err = await rejection(client().getJson('https://loop.test/0'));
    expect(err.message).toBe('Rekor: GET https://loop.test/5 stopped after 5 redirects');
    expect(calls).toBe(6);
  });

  it('turns a POST into a body-less GET on 303', async () => {
    let method = '';
    let body = 'unset';
    mswServer.use(
      http.post(
        'https://auth.test/token',
        () => new HttpResponse(null, { status: 303, headers: { location: '/done' } }),
      ),
      http.get('https://auth.test/done', async ({ request }) => {
        method = request.method;
        body = await request.text();
        return HttpResponse.json({ ok: true });
      }),
    );
    await client().postJson('https://auth.test/token', { code: 'x' });
    expect(method).toBe('GET');
    expect(body).toBe('');
  });
});

describe('convenience methods', () => {
  it('getJson keeps an Accept header the caller spelt differently', async () => {
    let accept: string | null = null;
    mswServer.use(
      http.get('https://tuf.test/1.root.json', ({ request }) => {
        accept = request.headers.get('accept');
        return HttpResponse.json({});
      }),
    );
    await client().getJson('https://tuf.test/1.root.json', { headers: { Accept: 'application/vnd.x+json' } });
    expect(accept).toBe('application/vnd.x+json');
  });

  it('postJson sends JSON with its content type', async () => {
    let received: unknown;
    let type: string | null = null;
    mswServer.use(
      http.post('https://fulcio.test/api/v2/signingCert', async ({ request }) => {
        type = request.headers.get('content-type');
        received = await request.json();
        return HttpResponse.json({ ok: 1 }, { status: 201 });
      }),
    );
    const out = await client().postJson('https://fulcio.test/api/v2/signingCert', { credentials: { a: 1 } });
    expect(out).toEqual({ ok: 1 });
    expect(received).toEqual({ credentials: { a: 1 } });
    expect(type).toBe('application/json');
  });

  it('getBytes returns the raw body', async () => {
    mswServer.use(http.get('https://tsa.test/cert', () => new HttpResponse(new Uint8Array([0, 255, 7]))));
    await expect(client().getBytes('https://tsa.test/cert')).resolves.toEqual(new Uint8Array([0, 255, 7]));
  });
});

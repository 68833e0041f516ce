import { createHash } from 'node:crypto';

/** One recorded HTTP exchange, with hosts rewritten to fixture names and credentials reduced to their scheme. */
export interface RecordedExchange {
  request: {
    method: string;
    /** Full URL on the fixture hosts. */
    url: string;
    /** `Basic` or `Bearer` when the request carried credentials; the value itself is never stored. */
    authScheme?: string;
    /** SHA-256 (hex) of the request body, so replay can check the client sends the same bytes. */
    bodySha256?: string;
  };
  response: { status: number; headers: Record<string, string>; bodyBase64: string };
}

/** A fixture file: recorded exchanges and whatever the flow needs besides them. */
export interface ExchangeFixture {
  description: string;
  exchanges: RecordedExchange[];
  /** Flow-specific data (trusted root, image digest, signing result...). */
  data: Record<string, unknown>;
}

/** Response headers worth keeping: the ones a registry client reads. */
const KEPT_HEADERS = [
  'content-type',
  'docker-content-digest',
  'location',
  'www-authenticate',
  'oci-subject',
  'range',
  'docker-upload-uuid',
];

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function bodyBytes(body: unknown): Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof Uint8Array) return body;
  return undefined;
}

/**
 * A `fetch` that records every exchange, with the real (loopback) origins rewritten to fixture
 * hosts, for replay in offline tests. Pass it as the registry client's `http.fetch`.
 */
export function recordingFetch(rewrites: ReadonlyArray<readonly [from: string, to: string]>) {
  const exchanges: RecordedExchange[] = [];
  const rewrite = (text: string) => rewrites.reduce((t, [from, to]) => t.split(from).join(to), text);
  const recorder: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const response = await fetch(input, init);
    const body = new Uint8Array(await response.arrayBuffer());
    const headers: Record<string, string> = {};
    // A HEAD answer's size is only in Content-Length.
    const kept = init?.method === 'HEAD' ? [...KEPT_HEADERS, 'content-length'] : KEPT_HEADERS;
    for (const name of kept) {
      const value = response.headers.get(name);
      if (value !== null) headers[name] = rewrite(value);
    }
    const authorization = new Headers(init?.headers).get('authorization');
    const sent = bodyBytes(init?.body);
    exchanges.push({
      request: {
        method: init?.method ?? 'GET',
        url: rewrite(url),
        ...(authorization ? { authScheme: authorization.split(' ')[0]! } : {}),
        ...(sent && sent.byteLength > 0 ? { bodySha256: sha256(sent) } : {}),
      },
      response: { status: response.status, headers, bodyBase64: Buffer.from(body).toString('base64') },
    });
    return new Response(
      response.status === 204 || response.status === 304 || init?.method === 'HEAD' ? null : body,
      {
        status: response.status,
        headers: response.headers,
      },
    );
  };
  return { fetch: recorder, exchanges };
}

export { sha256 };

/**
 * The file format of recorded HTTP exchanges (`fixtures/<group>/<name>.json`): what a client sent
 * and what the server answered, replayed by {@link replayFixtures} in tests that must not touch
 * the network.
 */

/** A body: text as is (JSON and other text types), anything else in base64. */
export interface RecordedBody {
  encoding: 'utf8' | 'base64';
  data: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  /** A subset: content type and accept. Credentials (`authorization`, `cookie`) are never recorded. */
  headers: Record<string, string>;
  body?: RecordedBody;
}

export interface RecordedResponse {
  status: number;
  /** A subset: content type, location, etag. */
  headers: Record<string, string>;
  body?: RecordedBody;
}

export interface RecordedExchange {
  request: RecordedRequest;
  response: RecordedResponse;
}

/** One recording: the exchanges of a flow, in the order they happened. */
export interface Recording {
  name: string;
  description: string;
  /** When the recording was made (RFC 3339): pin clocks here to verify what it holds. */
  recordedAt: string;
  /** Facts a reader needs (e.g. which tokens were made unusable). */
  notes: string[];
  exchanges: RecordedExchange[];
  /** Anything else the flow wants to keep (inputs it used, values it learned). */
  meta?: Record<string, unknown>;
}

const REQUEST_HEADERS = ['content-type', 'accept'];
const RESPONSE_HEADERS = ['content-type', 'location', 'etag'];

function pick(headers: Headers, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

/** The recorded subset of request headers. */
export function recordedRequestHeaders(headers: Headers): Record<string, string> {
  return pick(headers, REQUEST_HEADERS);
}

/** The recorded subset of response headers. */
export function recordedResponseHeaders(headers: Headers): Record<string, string> {
  return pick(headers, RESPONSE_HEADERS);
}

function isText(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type.startsWith('text/') || type === 'application/json' || type.endsWith('+json');
}

/** Encodes a body for the file; `undefined` for an empty one. */
export function encodeBody(bytes: Uint8Array, contentType: string | null): RecordedBody | undefined {
  if (bytes.length === 0) return undefined;
  if (isText(contentType)) return { encoding: 'utf8', data: Buffer.from(bytes).toString('utf8') };
  return { encoding: 'base64', data: Buffer.from(bytes).toString('base64') };
}

/** The bytes of a recorded body (empty when there is none). */
export function decodeBody(body: RecordedBody | undefined): Uint8Array {
  if (!body) return new Uint8Array();
  return body.encoding === 'base64'
    ? new Uint8Array(Buffer.from(body.data, 'base64'))
    : new Uint8Array(Buffer.from(body.data, 'utf8'));
}

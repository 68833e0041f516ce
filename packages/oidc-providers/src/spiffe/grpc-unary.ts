import { constants, connect as http2Connect } from 'node:http2';
import { connect as netConnect } from 'node:net';

/** Where a gRPC server listens: a Unix domain socket, or a TCP address. */
export type GrpcAddress = { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: number };

/** A unary gRPC call; see {@link grpcUnary}. */
export interface GrpcUnaryRequest {
  address: GrpcAddress;
  /** `/<package>.<Service>/<Method>`. */
  path: string;
  /** The encoded request message. */
  message: Uint8Array;
  /** Extra request headers (gRPC metadata). */
  metadata?: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** A call that ended with a gRPC status other than OK, or without a usable response. */
export class GrpcCallError extends Error {
  constructor(
    message: string,
    /** The gRPC status code, or `undefined` when the transport failed. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GrpcCallError';
  }
}

/** gRPC status names, for messages. */
const STATUS_NAMES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

/** gRPC's length-prefixed message: no compression flag, 4-byte big-endian length, bytes. */
function frame(message: Uint8Array): Buffer {
  const out = Buffer.alloc(5 + message.length);
  out.writeUInt32BE(message.length, 1);
  out.set(message, 5);
  return out;
}

function unframe(body: Buffer): Uint8Array {
  if (body.length < 5) throw new GrpcCallError('the response holds no message');
  if (body[0] !== 0)
    throw new GrpcCallError('the response message is compressed, which this client does not ask for');
  const length = body.readUInt32BE(1);
  if (body.length < 5 + length) throw new GrpcCallError('the response message is truncated');
  return body.subarray(5, 5 + length);
}

function statusMessage(headers: Record<string, unknown>): string {
  const raw = headers['grpc-message'];
  if (typeof raw !== 'string' || raw === '') return '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Makes one unary gRPC call over HTTP/2 cleartext (prior knowledge), as a gRPC client does on a
 * Unix socket: `POST path`, `content-type: application/grpc`, `te: trailers`, one framed message
 * each way, the status in the `grpc-status` trailer (or header, for a trailers-only answer).
 * Resolves to the response message's bytes; rejects with {@link GrpcCallError}, or the signal's
 * reason when aborted.
 */
export function grpcUnary(request: GrpcUnaryRequest): Promise<Uint8Array> {
  const { address, signal } = request;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const session = http2Connect('http://localhost', {
      createConnection: () =>
        address.kind === 'unix' ? netConnect(address.path) : netConnect(address.port, address.host),
    });
    let settled = false;
    const chunks: Buffer[] = [];
    let headers: Record<string, unknown> = {};
    let trailers: Record<string, unknown> = {};
    const finish = (err: unknown, value?: Uint8Array) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      session.destroy();
      if (err === undefined) resolve(value!);
      else reject(err);
    };
    const onAbort = () => finish(signal?.reason);
    const timer = setTimeout(
      () => finish(new GrpcCallError(`DEADLINE_EXCEEDED: no answer within ${request.timeoutMs} ms`, 4)),
      request.timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    session.on('error', (err) => finish(new GrpcCallError(err.message, undefined, { cause: err })));

    const stream = session.request({
      [constants.HTTP2_HEADER_METHOD]: 'POST',
      [constants.HTTP2_HEADER_PATH]: request.path,
      'content-type': 'application/grpc',
      te: 'trailers',
      'grpc-timeout': `${Math.max(1, Math.ceil(request.timeoutMs))}m`,
      ...request.metadata,
    });
    stream.on('response', (h) => {
      headers = h;
    });
    stream.on('trailers', (t) => {
      trailers = t;
    });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', (err) => finish(new GrpcCallError(err.message, undefined, { cause: err })));
    stream.on('end', () => {
      const httpStatus = headers[constants.HTTP2_HEADER_STATUS];
      if (httpStatus !== 200) return finish(new GrpcCallError(`HTTP status ${String(httpStatus)}`));
      const source = trailers['grpc-status'] !== undefined ? trailers : headers;
      const status = Number(source['grpc-status']);
      if (!Number.isInteger(status)) return finish(new GrpcCallError('the response has no grpc-status'));
      if (status !== 0) {
        const said = statusMessage(source);
        const name = STATUS_NAMES[status] ?? `status ${status}`;
        return finish(new GrpcCallError(`${name}${said ? `: ${said}` : ''}`, status));
      }
      try {
        finish(undefined, unframe(Buffer.concat(chunks)));
      } catch (err) {
        finish(err);
      }
    });
    stream.end(frame(request.message));
  });
}

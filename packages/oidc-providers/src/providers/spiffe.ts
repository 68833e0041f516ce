import type { OidcProvider } from '@keyless/core';
import { OidcError } from '../errors.js';
import { type GrpcAddress, GrpcCallError, grpcUnary } from '../spiffe/grpc-unary.js';
import { decodeJwtSvidResponse, encodeJwtSvidRequest } from '../spiffe/protobuf.js';
import { acceptToken } from '../token/accept.js';
import { safeLine } from '../token/redact.js';
import type { Env } from './environment.js';

/** Name of {@link spiffeProvider}. */
export const SPIFFE_PROVIDER_NAME = 'spiffe';

/** The variable that names the Workload API endpoint, per the SPIFFE Workload Endpoint spec. */
export const SPIFFE_ENDPOINT_SOCKET = 'SPIFFE_ENDPOINT_SOCKET';

/** gRPC method of the Workload API that mints JWT-SVIDs (the proto has no package). */
const FETCH_JWT_SVID = '/SpiffeWorkloadAPI/FetchJWTSVID';

/** Options of {@link spiffeProvider}. */
export interface SpiffeProviderOptions {
  /** Where variables are read. Default `process.env`. */
  env?: Env;
  /** Workload API address (`unix:///path` or `tcp://ip:port`). Default `$SPIFFE_ENDPOINT_SOCKET`. */
  socket?: string;
  /** The SPIFFE ID to ask for when the workload has several. Default: the first one returned. */
  spiffeId?: string;
  /** Deadline of the call. Default 10 000 ms. */
  timeoutMs?: number;
}

/**
 * Parses a Workload API address: `unix:///run/spire/agent.sock` (or `unix:/run/...`), or
 * `tcp://127.0.0.1:8081`.
 */
export function parseWorkloadApiAddress(value: string): GrpcAddress {
  const invalid = () =>
    new OidcError(
      'ERR_PROVIDER_UNAVAILABLE',
      `${SPIFFE_PROVIDER_NAME}: ${SPIFFE_ENDPOINT_SOCKET} must be unix:///path/to/socket or tcp://ip:port`,
    );
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid();
  }
  if (url.protocol === 'unix:' && url.pathname !== '' && !url.host)
    return { kind: 'unix', path: decodeURIComponent(url.pathname) };
  if (url.protocol === 'tcp:' && url.hostname !== '' && url.port !== '') {
    return { kind: 'tcp', host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) };
  }
  throw invalid();
}

/**
 * A JWT-SVID from the SPIFFE Workload API (a SPIRE agent, say), with the requested audience.
 * The Workload API is gRPC on a local socket; this provider makes the one unary call it needs,
 * `FetchJWTSVID`, itself (HTTP/2 from `node:http2`, the two small protobuf messages encoded by
 * hand, the `workload.spiffe.io: true` metadata the spec requires), so it needs no gRPC library
 * and asks for exactly the audience given rather than reading a file minted for a fixed one.
 * `detect()` is true when `SPIFFE_ENDPOINT_SOCKET` is set.
 *
 * @example
 * ```ts
 * const token = await spiffeProvider({ socket: 'unix:///run/spire/sockets/agent.sock' }).getToken({ audience: 'sigstore' });
 * ```
 */
export function spiffeProvider(options: SpiffeProviderOptions = {}): OidcProvider {
  const env = options.env ?? process.env;
  const name = SPIFFE_PROVIDER_NAME;
  const socket = () => options.socket ?? env[SPIFFE_ENDPOINT_SOCKET];
  return {
    name,
    detect: () => (socket() ?? '') !== '',
    async getToken({ audience, signal }) {
      const value = socket();
      if (!value) {
        throw new OidcError('ERR_PROVIDER_UNAVAILABLE', `${name}: ${SPIFFE_ENDPOINT_SOCKET} is not set`);
      }
      const address = parseWorkloadApiAddress(value);
      let reply: Uint8Array;
      try {
        reply = await grpcUnary({
          address,
          path: FETCH_JWT_SVID,
          message: encodeJwtSvidRequest([audience], options.spiffeId),
          metadata: { 'workload.spiffe.io': 'true' },
          timeoutMs: options.timeoutMs ?? 10_000,
          ...(signal && { signal }),
        });
      } catch (err) {
        if (signal?.aborted && err === signal.reason) throw err;
        const where = address.kind === 'unix' ? address.path : `${address.host}:${address.port}`;
        const unreachable = err instanceof GrpcCallError && err.status === undefined;
        const why = safeLine(err instanceof Error ? err.message : String(err));
        throw new OidcError(
          unreachable ? 'ERR_PROVIDER_UNAVAILABLE' : 'ERR_PROVIDER_FAILED',
          unreachable
            ? `${name}: the Workload API at ${where} cannot be reached: ${why}`
            : `${name}: FetchJWTSVID on the Workload API at ${where} failed: ${why}`,
          { cause: err },
        );
      }
      let svids: ReturnType<typeof decodeJwtSvidResponse>;
      try {
        svids = decodeJwtSvidResponse(reply);
      } catch (err) {
        throw new OidcError(
          'ERR_PROVIDER_FAILED',
          `${name}: the Workload API answer is not a JWTSVIDResponse`,
          {
            cause: err,
          },
        );
      }
      const svid = options.spiffeId ? svids.find((s) => s.spiffeId === options.spiffeId) : svids[0];
      if (!svid) {
        const wanted = options.spiffeId ? ` for ${options.spiffeId}` : '';
        throw new OidcError('ERR_PROVIDER_FAILED', `${name}: the Workload API returned no JWT-SVID${wanted}`);
      }
      return acceptToken(svid.svid, `${name} (${svid.spiffeId})`, { audience });
    },
  };
}

/** Test-only helpers: the local TSA on a loopback port, a temporary folder, raw HTTP exchanges. */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CertificateAuthorityJson,
  type PreparedAuthority,
  parseTrustedRoot,
  prepareTrustedRoot,
  sha256,
} from '@keyless/core';
import { encodeTimeStampReq, type TimeStampReqInit } from '../src/rfc3161/encode-request.js';
import { TSP_OID } from '../src/rfc3161/oids.js';
import {
  createTimestampServer,
  type TimestampServer,
  type TimestampServerOptions,
} from '../src/server/index.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Loopback {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

/** Serves `handler` on 127.0.0.1 on a free port. */
export async function listen(handler: Handler): Promise<Loopback> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fresh temporary folder and a function removing it. */
export async function temporaryDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'keyless-tsa-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A trusted root holding only `authorities`, prepared for verification. */
export function trustedTsas(...authorities: CertificateAuthorityJson[]): PreparedAuthority[] {
  const root = parseTrustedRoot({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    timestampAuthorities: authorities,
  });
  return prepareTrustedRoot(root).timestampAuthorities;
}

export interface RunningTsa {
  server: TimestampServer;
  /** The TSA's base URL (a path prefix, as the dev stack mounts it). */
  url: string;
  /** The RFC 3161 endpoint. */
  endpoint: string;
  dir: string;
  trusted: PreparedAuthority[];
  /** Stops the HTTP server; `removeDir` also deletes the TSA's folder. */
  stop(removeDir?: boolean): Promise<void>;
}

const PREFIX = '/tsa';

/**
 * Starts the TSA behind a loopback server mounted under `/tsa`, the way the dev stack strips its
 * prefix before calling the handler.
 */
export async function startTsa(options: Partial<TimestampServerOptions> = {}): Promise<RunningTsa> {
  const temporary = options.dir ? undefined : await temporaryDir();
  const dir = options.dir ?? temporary!.dir;
  let server: TimestampServer | undefined;
  const loopback = await listen((req, res) => {
    if (!req.url?.startsWith(PREFIX)) {
      res.writeHead(404).end();
      return;
    }
    req.url = req.url.slice(PREFIX.length) || '/';
    server!.handler(req, res);
  });
  const url = `${loopback.origin}${PREFIX}`;
  server = await createTimestampServer({ ...options, dir, url });
  return {
    server,
    url,
    endpoint: server.timestampUrl,
    dir,
    trusted: trustedTsas(server.timestampAuthority),
    async stop(removeDir = true) {
      await server.close();
      await loopback.close();
      if (removeDir) await temporary?.remove();
    },
  };
}

/** A DER TimeStampReq over the SHA-256 of `data`, with the given extras. */
export function queryFor(
  data: Uint8Array,
  extras: Omit<TimeStampReqInit, 'messageImprint'> = {},
): Uint8Array {
  return encodeTimeStampReq({
    messageImprint: { hashAlgorithm: { algorithm: TSP_OID.sha256 }, hashedMessage: sha256(data) },
    ...extras,
  });
}

export interface Exchange {
  status: number;
  contentType: string | null;
  body: Uint8Array;
}

/** POSTs `body` to `url` with `contentType`. */
export async function post(
  url: string,
  body: Uint8Array | string,
  contentType = 'application/timestamp-query',
): Promise<Exchange> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: new Uint8Array(await response.arrayBuffer()),
  };
}

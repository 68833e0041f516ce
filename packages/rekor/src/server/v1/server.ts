import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { TransparencyLogInstanceJson } from '@keyless/core';
import { RekorError } from '../../errors.js';
import { serviceHandler } from '../http/handler.js';
import type { ServiceBase } from '../http/types.js';
import { loadOrCreateIdentity } from '../log-identity.js';
import { LogStorage, type LogStorageOptions } from '../storage/log-storage.js';
import { RekorV1Log } from './rekor-log.js';
import { rekorV1Routes } from './routes.js';

/** Options of {@link createRekorServer}. */
export interface RekorServerOptions {
  /** The log's own directory: key, settings and entries persist there. Created if missing. */
  dir: string;
  /** The log's public base URL, e.g. `http://127.0.0.1:5555/rekor`: Location headers, checkpoint origin, trust root. */
  url: string;
  /** Decimal tree ID of the log's one shard; default a random one, kept in `dir`. */
  treeId?: string | number | bigint;
  /** The clock of integrated times and of the key's validity start. Default: the system clock. */
  now?: () => Date;
  /** Storage tuning (checkpoint frequency). */
  storage?: LogStorageOptions;
}

/** A running Rekor v1 log: its handler, its trust-root entry and its storage. */
export interface RekorServer extends ServiceBase {
  /** The log's piece of a trusted root. */
  tlog: TransparencyLogInstanceJson;
  /** Decimal tree ID (the shard named in checkpoint origins and entry UUIDs). */
  treeId: string;
  /** The log's storage, for bulk loading and inspection. */
  storage: LogStorage;
}

/**
 * A Rekor-compatible transparency log (API v1): accepts hashedrekord 0.0.1 and dsse 0.0.1
 * entries, answers each with a signed entry timestamp, an inclusion proof and a signed
 * checkpoint, and serves lookups by index and UUID, searches, consistency proofs and the log's
 * state. It signs with an ECDSA P-256 key kept in `dir`; entries are stored durably there (see
 * `LogStorage`). The handler never listens by itself: mount it on an HTTP server.
 *
 * @example
 * ```ts
 * const rekor = await createRekorServer({ dir: '/tmp/stack/rekor', url: 'http://127.0.0.1:5555/rekor' });
 * http.createServer(rekor.handler).listen(5555, '127.0.0.1');
 * trustedRoot.tlogs.push(rekor.tlog);
 * ```
 */
export async function createRekorServer(options: RekorServerOptions): Promise<RekorServer> {
  const now = options.now ?? (() => new Date());
  const url = options.url.replace(/\/+$/, '');
  const wanted = options.treeId === undefined ? undefined : normalizeTreeId(options.treeId);
  const identity = loadOrCreateIdentity(
    options.dir,
    'ec-p256',
    now(),
    { treeId: wanted },
    { treeId: randomTreeId },
  );
  const treeId = identity.settings.treeId;
  if (treeId === undefined) throw new RekorError('ERR_TLOG_STORAGE_FAILED', `${options.dir} has no tree ID`);
  const storage = LogStorage.open(join(options.dir, 'log'), options.storage);
  const log = new RekorV1Log(storage, identity, url, treeId, now);
  return {
    handler: serviceHandler(rekorV1Routes(log)),
    close: () => storage.close(),
    tlog: log.tlog,
    treeId,
    storage,
  };
}

/** A new random tree ID: a positive 63-bit integer, as Trillian makes them. */
export function randomTreeId(): string {
  const value = randomBytes(8).readBigUInt64BE() & 0x7fff_ffff_ffff_ffffn;
  return (value === 0n ? 1n : value).toString();
}

function normalizeTreeId(value: string | number | bigint): string {
  const text = String(value);
  if (!/^[1-9][0-9]*$/.test(text) || BigInt(text) > 0x7fff_ffff_ffff_ffffn) {
    throw new RangeError(`tree ID ${text} is not a positive 63-bit integer`);
  }
  return text;
}

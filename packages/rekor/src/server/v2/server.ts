import { join } from 'node:path';
import type { TransparencyLogInstanceJson } from '@keyless/core';
import { serviceHandler } from '../http/handler.js';
import type { ServiceBase } from '../http/types.js';
import { loadOrCreateIdentity } from '../log-identity.js';
import { LogStorage, type LogStorageOptions } from '../storage/log-storage.js';
import { RekorV2Log } from './rekor-v2-log.js';
import { rekorV2Routes } from './routes.js';

/** Options of {@link createRekorV2Server}. */
export interface RekorV2ServerOptions {
  /** The log's own directory: key and entries persist there. Created if missing. */
  dir: string;
  /** The log's public base URL, e.g. `http://127.0.0.1:5555/rekor-v2`; without the scheme it is the log's name. */
  url: string;
  /** The clock of the key's validity start. Default: the system clock. */
  now?: () => Date;
  /** Storage tuning (checkpoint frequency). */
  storage?: LogStorageOptions;
}

/** A running Rekor v2 log: its handler, its trust-root entry and its storage. */
export interface RekorV2Server extends ServiceBase {
  /** The log's piece of a trusted root. */
  tlog: TransparencyLogInstanceJson;
  /** The log's storage, for bulk loading and inspection. */
  storage: LogStorage;
}

/**
 * A Rekor v2 (rekor-tiles style) transparency log: `POST /api/v2/log/entries` takes a
 * `hashedRekordRequestV002` or `dsseRequestV002` and answers a `TransparencyLogEntry` with an
 * inclusion proof and an Ed25519-signed checkpoint; `GET /api/v2/checkpoint`,
 * `/api/v2/tile/<L>/<N>` and `/api/v2/tile/entries/<N>` serve the log as C2SP tlog-tiles. It
 * shares the storage engine of the v1 server.
 *
 * @example
 * ```ts
 * const log = await createRekorV2Server({ dir: '/tmp/stack/rekor-v2', url: 'http://127.0.0.1:5555/rekor-v2' });
 * trustedRoot.tlogs.push(log.tlog);
 * ```
 */
export async function createRekorV2Server(options: RekorV2ServerOptions): Promise<RekorV2Server> {
  const now = options.now ?? (() => new Date());
  const url = options.url.replace(/\/+$/, '');
  const identity = loadOrCreateIdentity(options.dir, 'ed25519', now());
  const storage = LogStorage.open(join(options.dir, 'log'), options.storage);
  const log = new RekorV2Log(storage, identity, url);
  return {
    handler: serviceHandler(rekorV2Routes(log)),
    close: () => storage.close(),
    tlog: log.tlog,
    storage,
  };
}

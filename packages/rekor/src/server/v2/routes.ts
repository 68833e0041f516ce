import type { IncomingMessage } from 'node:http';
import { readBody } from '@keyless/core/server';
import { hashLeaf } from '../../merkle/hash.js';
import { parseTileIndexPath, TILE_HEIGHT, TILE_WIDTH } from '../../v2/tile-path.js';
import { MAX_REQUEST_BYTES, type Route } from '../http/handler.js';
import { errorReply, jsonReply, type Reply } from '../http/reply.js';
import { parseJson, rejectEntry } from '../request-fields.js';
import { TreeLevels } from '../storage/tree-levels.js';
import { canonicalizeCreateRequest } from './create-request.js';
import type { RekorV2Log } from './rekor-v2-log.js';

/** Entry bundles prefix each entry with a 16-bit length. */
const MAX_V2_BODY_BYTES = 0xffff;
const IMMUTABLE = { 'Cache-Control': 'public, max-age=31536000, immutable' };

/** The Rekor v2 API of `log`: the write endpoint and the C2SP tlog-tiles read endpoints. */
export function rekorV2Routes(log: RekorV2Log): Route {
  return async (req, url) => {
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/api/v2/log/entries') {
      if (req.method !== 'POST')
        return errorReply(405, `method ${req.method} is not allowed here`, { Allow: 'POST' });
      return createEntry(log, req);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return errorReply(405, `method ${req.method} is not allowed here`, { Allow: 'GET' });
    }
    if (path === '/api/v2/checkpoint') {
      return {
        status: 200,
        body: log.checkpoints.at(log.storage.size).checkpoint,
        contentType: 'text/plain; charset=utf-8',
        headers: { 'Cache-Control': 'no-cache' },
      };
    }
    if (path.startsWith('/api/v2/tile/entries/'))
      return entryBundle(log, path.slice('/api/v2/tile/entries/'.length));
    if (path.startsWith('/api/v2/tile/')) return hashTile(log, path.slice('/api/v2/tile/'.length));
    return errorReply(404, `no such endpoint: ${path || '/'}`);
  };
}

async function createEntry(log: RekorV2Log, req: IncomingMessage): Promise<Reply> {
  const body = await readBody(req, MAX_REQUEST_BYTES);
  if (!body) return errorReply(413, 'request is larger than 1 MiB');
  const entry = canonicalizeCreateRequest(parseJson(body));
  if (entry.body.length > MAX_V2_BODY_BYTES) rejectEntry('entry body is larger than 65535 bytes');
  const existing = log.storage.indexOfLeafHash(hashLeaf(entry.body));
  if (existing !== undefined) {
    // Logging the same entry twice is idempotent: the answer is the entry already logged.
    await log.storage.sync();
    return jsonReply(200, log.entryJson(existing, entry));
  }
  const appended = log.storage.append({ leaf: entry.body });
  await appended.durable;
  return jsonReply(201, log.entryJson(appended.index, entry));
}

/** `tile/<L>/<N>[.p/<W>]`: hashes of Merkle level `8·L`, nodes `256·N` to `256·N + W - 1`. */
function hashTile(log: RekorV2Log, rest: string): Reply {
  const [level, ...elements] = rest.split('/');
  if (!level || !/^(?:0|[1-9][0-9]?)$/.test(level) || Number(level) * TILE_HEIGHT > 63) {
    return errorReply(400, `tile level ${level} is not a number from 0 to 7`);
  }
  const tile = parseTileIndexPath(elements);
  if (!tile) return errorReply(400, 'malformed tile index');
  const treeLevel = Number(level) * TILE_HEIGHT;
  const start = tile.index * TILE_WIDTH;
  if (start + tile.width > TreeLevels.count(treeLevel, log.storage.size)) {
    return errorReply(404, 'the log has no such tile yet');
  }
  return bytes(log.storage.nodes(treeLevel, start, tile.width), tile.width === TILE_WIDTH);
}

/** `tile/entries/<N>[.p/<W>]`: entries `256·N` to `256·N + W - 1`, each prefixed with its u16 length. */
function entryBundle(log: RekorV2Log, rest: string): Reply {
  const tile = parseTileIndexPath(rest.split('/'));
  if (!tile) return errorReply(400, 'malformed entry bundle index');
  const start = tile.index * TILE_WIDTH;
  if (start + tile.width > log.storage.size) return errorReply(404, 'the log has no such entry bundle yet');
  const parts: Uint8Array[] = [];
  for (let i = start; i < start + tile.width; i++) {
    const leaf = log.storage.entry(i).leaf;
    const length = Buffer.alloc(2);
    length.writeUInt16BE(leaf.length);
    parts.push(length, leaf);
  }
  return bytes(Buffer.concat(parts), tile.width === TILE_WIDTH);
}

function bytes(body: Uint8Array, full: boolean): Reply {
  return {
    status: 200,
    body,
    contentType: 'application/octet-stream',
    headers: full ? IMMUTABLE : undefined,
  };
}

import type { IncomingMessage } from 'node:http';
import { encodePem, toHex } from '@keyless/core';
import { readBody } from '@keyless/core/server';
import type { RekorV1ConsistencyProofJson, RekorV1LogInfoJson } from '../../v1/api-types.js';
import { leafHashOfUuid } from '../../v1/uuid.js';
import { MAX_REQUEST_BYTES, type Route } from '../http/handler.js';
import { errorReply, jsonReply, type Reply } from '../http/reply.js';
import { arrayField, objectField, parseJson, rejectEntry } from '../request-fields.js';
import { canonicalizeProposedEntry } from './proposed-entry.js';
import { RekorV1Log } from './rekor-log.js';

/** Most entries one `entries/retrieve` request may ask for, as in Rekor. */
const MAX_SEARCH_QUERIES = 10;
const HASH_QUERY = /^(?:(sha256|sha384|sha512):)?([0-9a-f]+)$/;
const HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** The Rekor v1 API of `log`. */
export function rekorV1Routes(log: RekorV1Log): Route {
  return async (req, url) => {
    const path = url.pathname.replace(/\/+$/, '');
    switch (path) {
      case '/api/v1/log':
        return only(req, 'GET') ?? logInfo(log);
      case '/api/v1/log/publicKey':
        return (
          only(req, 'GET') ?? {
            status: 200,
            body: encodePem('PUBLIC KEY', log.publicKey),
            contentType: 'application/x-pem-file',
          }
        );
      case '/api/v1/log/proof':
        return only(req, 'GET') ?? consistencyProof(log, url);
      case '/api/v1/log/entries':
        if (req.method === 'POST') return createEntry(log, req);
        return only(req, 'GET', 'POST') ?? entryByIndex(log, url);
      case '/api/v1/log/entries/retrieve':
        return only(req, 'POST') ?? retrieveEntries(log, req);
      case '/api/v1/index/retrieve':
        return only(req, 'POST') ?? searchIndex(log, req);
    }
    if (path.startsWith('/api/v1/log/entries/')) {
      return (
        only(req, 'GET') ?? entryByUuid(log, decodeURIComponent(path.slice('/api/v1/log/entries/'.length)))
      );
    }
    return errorReply(404, `no such endpoint: ${path || '/'}`);
  };
}

/** A 405 answer unless the request uses one of `methods`. */
function only(req: IncomingMessage, ...methods: string[]): Reply | undefined {
  if (methods.includes(req.method ?? 'GET')) return undefined;
  return errorReply(405, `method ${req.method} is not allowed here`, { Allow: methods.join(', ') });
}

function logInfo(log: RekorV1Log): Reply {
  const head = log.treeHead();
  const info: RekorV1LogInfoJson = {
    inactiveShards: [],
    rootHash: toHex(head.rootHash),
    signedTreeHead: head.checkpoint,
    treeID: log.treeId,
    treeSize: head.treeSize,
  };
  return jsonReply(200, info);
}

async function createEntry(log: RekorV1Log, req: IncomingMessage): Promise<Reply> {
  const body = await readBody(req, MAX_REQUEST_BYTES);
  if (!body) return errorReply(413, 'proposed entry is larger than 1 MiB');
  const entry = canonicalizeProposedEntry(parseJson(body));
  const leafHash = RekorV1Log.leafHash(entry);
  const existing = log.storage.indexOfLeafHash(leafHash);
  if (existing !== undefined) {
    await log.storage.sync();
    const uuid = log.uuidOf(leafHash);
    return errorReply(409, `An equivalent entry already exists in the transparency log with UUID ${uuid}`, {
      Location: log.entryUrl(uuid),
    });
  }
  const index = await log.append(entry);
  const { uuid, entry: created } = log.entryAt(index);
  return jsonReply(201, { [uuid]: created }, { Location: log.entryUrl(uuid), ETag: uuid });
}

function entryByIndex(log: RekorV1Log, url: URL): Reply {
  const index = parseCount(url.searchParams.get('logIndex'));
  if (index === undefined) return errorReply(400, 'logIndex must be a non-negative integer');
  if (index >= log.storage.size) return errorReply(404, `no entry with log index ${index}`);
  const { uuid, entry } = log.entryAt(index);
  return jsonReply(200, { [uuid]: entry });
}

function entryByUuid(log: RekorV1Log, uuid: string): Reply {
  const index = findUuid(log, uuid);
  if (index === undefined) return errorReply(404, `no entry with UUID ${uuid}`);
  const found = log.entryAt(index);
  return jsonReply(200, { [found.uuid]: found.entry });
}

/** The index of the published entry a UUID names; rejects a malformed UUID. */
function findUuid(log: RekorV1Log, uuid: string): number | undefined {
  const leafHash = leafHashOfUuid(uuid.toLowerCase());
  if (!leafHash) rejectEntry(`${uuid} is not a 64- or 80-digit hex entry UUID`);
  if (uuid.length === 80 && uuid.slice(0, 16).toLowerCase() !== log.uuidOf(leafHash).slice(0, 16)) {
    return undefined;
  }
  return log.indexOf(leafHash);
}

async function retrieveEntries(log: RekorV1Log, req: IncomingMessage): Promise<Reply> {
  const body = await readBody(req, MAX_REQUEST_BYTES);
  if (!body) return errorReply(413, 'search request is larger than 1 MiB');
  const query = objectField(parseJson(body), 'search query');
  const uuids = query.entryUUIDs === undefined ? [] : arrayField(query.entryUUIDs, 'entryUUIDs');
  const indexes = query.logIndexes === undefined ? [] : arrayField(query.logIndexes, 'logIndexes');
  if (uuids.length + indexes.length > MAX_SEARCH_QUERIES) {
    return errorReply(422, `a search may ask for at most ${MAX_SEARCH_QUERIES} entries`);
  }
  const found: Record<string, unknown>[] = [];
  for (const uuid of uuids) {
    if (typeof uuid !== 'string') rejectEntry('entryUUIDs must hold strings');
    const index = findUuid(log, uuid);
    if (index !== undefined) found.push(single(log, index));
  }
  for (const value of indexes) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      rejectEntry('logIndexes must hold non-negative integers');
    }
    if (value < log.storage.size) found.push(single(log, value));
  }
  return jsonReply(200, found);
}

function single(log: RekorV1Log, index: number): Record<string, unknown> {
  const { uuid, entry } = log.entryAt(index);
  return { [uuid]: entry };
}

async function searchIndex(log: RekorV1Log, req: IncomingMessage): Promise<Reply> {
  const body = await readBody(req, MAX_REQUEST_BYTES);
  if (!body) return errorReply(413, 'search request is larger than 1 MiB');
  const query = objectField(parseJson(body), 'search query');
  const lists: number[][] = [];
  if (query.hash !== undefined) lists.push(log.storage.entriesWithKey(hashKey(query.hash)));
  if (query.email !== undefined) {
    if (typeof query.email !== 'string' || !query.email.includes('@'))
      rejectEntry('email must be an email address');
    lists.push(log.storage.entriesWithKey(query.email.toLowerCase()));
  }
  if (query.publicKey !== undefined)
    rejectEntry('search by publicKey is not supported; search by its sha256 hash');
  if (lists.length === 0) rejectEntry('a search needs a hash or an email');
  const operator = query.operator ?? 'or';
  if (operator !== 'and' && operator !== 'or') rejectEntry('operator must be "and" or "or"');
  let result = lists[0]!;
  for (const list of lists.slice(1)) {
    result =
      operator === 'and'
        ? result.filter((i) => list.includes(i))
        : [...result, ...list.filter((i) => !result.includes(i))];
  }
  const size = log.storage.size;
  return jsonReply(
    200,
    result.filter((i) => i < size).map((i) => log.uuidOf(log.storage.leafHash(i))),
  );
}

/** The index key of a `hash` query: `sha256:<hex>`, or bare hex whose length names the algorithm. */
function hashKey(value: unknown): string {
  const text = typeof value === 'string' ? value.toLowerCase() : '';
  const match = HASH_QUERY.exec(text);
  const hex = match?.[2] ?? '';
  const algorithm = match?.[1] ?? Object.keys(HEX_LENGTH).find((a) => HEX_LENGTH[a] === hex.length);
  if (!algorithm || HEX_LENGTH[algorithm] !== hex.length) {
    rejectEntry('hash must be "sha256:<64 hex digits>" (or sha384, sha512)');
  }
  return `${algorithm}:${hex}`;
}

function consistencyProof(log: RekorV1Log, url: URL): Reply {
  const size = log.storage.size;
  const first = url.searchParams.has('firstSize') ? parseCount(url.searchParams.get('firstSize')) : 1;
  const last = parseCount(url.searchParams.get('lastSize'));
  if (first === undefined || last === undefined || first < 1) {
    return errorReply(400, 'firstSize and lastSize must be positive integers');
  }
  if (first > last) return errorReply(400, `firstSize ${first} is larger than lastSize ${last}`);
  if (last > size) return errorReply(400, `lastSize ${last} is larger than the tree size ${size}`);
  const proof: RekorV1ConsistencyProofJson = {
    hashes: log.storage.consistencyProof(first, last).map(toHex),
    rootHash: toHex(log.storage.rootHash(last)),
  };
  return jsonReply(200, proof);
}

function parseCount(text: string | null): number | undefined {
  if (text === null || !/^(?:0|[1-9][0-9]*)$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

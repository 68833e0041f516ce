import {
  bytesEqual,
  encodeBase64,
  fromHexStrict,
  lazyHttpClient,
  type ProposedEntry,
  type TransparencyLogClient,
  type TransparencyLogEntry,
  toHex,
} from '@keyless/core';

import { RekorError } from '../errors.js';
import { verifyConsistencyProof } from '../merkle/consistency.js';
import { hashLeaf } from '../merkle/hash.js';
import type { RekorV1ConsistencyProofJson, RekorV1LogEntries, RekorV1LogInfoJson } from '../v1/api-types.js';
import { type RekorV1LogEntry, transparencyLogEntryFromV1 } from '../v1/log-entry.js';
import { leafHashOfUuid } from '../v1/uuid.js';
import { checkLoggedEntry, verifiedLogInfo } from './check-entry.js';
import type { RekorClientOptions, RekorRequestOptions } from './options.js';
import { envelopeJson, verifierPem } from './proposal.js';
import { invalidResponse, logRequest } from './request-error.js';
import type { RekorConsistencyProof, RekorLogInfo, RekorSearchQuery } from './types.js';

/** A client of a Rekor v1 log (`/api/v1`); also a `TransparencyLogClient` (`addEntry` is `createEntry`). */
export interface RekorV1Client extends TransparencyLogClient {
  /**
   * Logs a signature and returns the entry, checked: the body is the one proposed and, with
   * `trust`, its SET, inclusion proof and checkpoint verify. When the log already holds the entry
   * (409), the existing entry is fetched, checked the same way and returned.
   */
  createEntry(proposed: ProposedEntry, options?: RekorRequestOptions): Promise<TransparencyLogEntry>;
  /** The entry at `logIndex` (verified with `trust`). */
  getEntryByIndex(logIndex: number, options?: RekorRequestOptions): Promise<TransparencyLogEntry>;
  /** The entry with this 64- or 80-digit UUID (verified with `trust`). */
  getEntryByUuid(uuid: string, options?: RekorRequestOptions): Promise<TransparencyLogEntry>;
  /** The log's size, root and signed checkpoint (the checkpoint verified with `trust`). */
  getLogInfo(options?: RekorRequestOptions): Promise<RekorLogInfo>;
  /** UUIDs of the entries for an artifact hash (`sha256:<hex>`) and/or a signer's email. */
  searchIndex(query: RekorSearchQuery, options?: RekorRequestOptions): Promise<string[]>;
  /**
   * The consistency proof between two tree sizes, with the root at `lastSize`. With `firstRoot`
   * (the root you saw at `firstSize`) the proof is verified before it is returned.
   */
  getConsistencyProof(
    firstSize: number,
    lastSize: number,
    options?: RekorRequestOptions & { firstRoot?: Uint8Array },
  ): Promise<RekorConsistencyProof>;
  /** Closes the HTTP client when this client made it. */
  close(): Promise<void>;
}

const HASH_NAMES: Partial<Record<string, string>> = {
  SHA2_256: 'sha256',
  SHA2_384: 'sha384',
  SHA2_512: 'sha512',
};

/**
 * Creates a Rekor v1 client over `@keyless/core/http`. Failures are `RekorError`s naming the log
 * and what it said: `ERR_TLOG_ENTRY_REJECTED` (400), `ERR_TLOG_NOT_FOUND` (404),
 * `ERR_TLOG_REQUEST_FAILED` (anything else), `ERR_TLOG_RESPONSE_INVALID` (an answer that is not
 * what the API promises), and the verification codes when an answer does not verify.
 *
 * @example
 * ```ts
 * const rekor = createRekorV1Client({ baseUrl: 'https://rekor.sigstore.dev', trust: trusted.tlogs });
 * const entry = await rekor.createEntry({ kind: 'hashedrekord', digest, signature, verifier: { type: 'certificate', der } });
 * ```
 */
export function createRekorV1Client(options: RekorClientOptions): RekorV1Client {
  const base = options.baseUrl.replace(/\/+$/, '');
  const http = options.http ?? lazyHttpClient({ service: 'Rekor' });
  const ownsHttp = options.http === undefined;
  const trust = options.trust;
  const service = `Rekor at ${base}`;

  /** Fetches `{uuid: entry}` and checks that it is one entry whose UUID fits its body. */
  async function fetchEntry(url: string, signal: AbortSignal | undefined): Promise<TransparencyLogEntry> {
    const json = await logRequest(() => http.getJson<RekorV1LogEntries>(url, { signal }));
    return single(json, service).entry;
  }

  async function createEntry(proposed: ProposedEntry, opts: RekorRequestOptions = {}) {
    const response = await logRequest(
      () =>
        http.request({
          method: 'POST',
          url: `${base}/api/v1/log/entries`,
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(proposedEntryV1(proposed)),
          signal: opts.signal,
          expect: [200, 201, 409],
        }),
      true,
    );
    let entry: TransparencyLogEntry;
    if (response.status === 409) {
      const uuid = conflictUuid(response.headers.get('location'), response.text());
      if (!uuid) throw invalidResponse(service, 'answered 409 without the UUID of the existing entry');
      entry = await fetchEntry(`${base}/api/v1/log/entries/${uuid}`, opts.signal);
    } else {
      entry = single(response.json<RekorV1LogEntries>(), service).entry;
    }
    checkLoggedEntry(entry, trust, { proposed, requireInclusionProof: true });
    return entry;
  }

  return {
    name: 'rekor-v1',
    createEntry,
    addEntry: createEntry,
    async getEntryByIndex(logIndex, opts = {}) {
      if (!Number.isSafeInteger(logIndex) || logIndex < 0) {
        throw new RekorError('ERR_TLOG_ENTRY_INVALID', `log index ${logIndex} is not a non-negative integer`);
      }
      const entry = await fetchEntry(`${base}/api/v1/log/entries?logIndex=${logIndex}`, opts.signal);
      if (entry.logIndex !== logIndex) {
        throw invalidResponse(service, `answered entry ${entry.logIndex} when asked for ${logIndex}`);
      }
      checkLoggedEntry(entry, trust, {});
      return entry;
    },
    async getEntryByUuid(uuid, opts = {}) {
      const wanted = leafHashOfUuid(uuid.toLowerCase());
      if (!wanted)
        throw new RekorError('ERR_TLOG_ENTRY_INVALID', `${uuid} is not a 64- or 80-digit hex entry UUID`);
      const entry = await fetchEntry(`${base}/api/v1/log/entries/${uuid}`, opts.signal);
      if (!bytesEqual(hashLeaf(entry.canonicalizedBody), wanted)) {
        throw invalidResponse(service, `answered another entry than ${uuid}`);
      }
      checkLoggedEntry(entry, trust, {});
      return entry;
    },
    async getLogInfo(opts = {}) {
      const json = await logRequest(() =>
        http.getJson<RekorV1LogInfoJson>(`${base}/api/v1/log`, { signal: opts.signal }),
      );
      return verifiedLogInfo(json, trust, service);
    },
    async searchIndex(query, opts = {}) {
      const result = await logRequest(() =>
        http.postJson<unknown>(`${base}/api/v1/index/retrieve`, query, {
          signal: opts.signal,
          idempotent: true,
        }),
      );
      // Some Rekor versions answer null rather than an empty list.
      if (result === null) return [];
      if (
        !Array.isArray(result) ||
        !result.every((u) => typeof u === 'string' && leafHashOfUuid(u.toLowerCase()))
      ) {
        throw invalidResponse(service, 'index search did not answer a list of entry UUIDs');
      }
      return result as string[];
    },
    async getConsistencyProof(firstSize, lastSize, opts = {}) {
      const url = `${base}/api/v1/log/proof?firstSize=${firstSize}&lastSize=${lastSize}`;
      const json = await logRequest(() =>
        http.getJson<RekorV1ConsistencyProofJson>(url, { signal: opts.signal }),
      );
      const rootHash = typeof json?.rootHash === 'string' ? fromHexStrict(json.rootHash) : undefined;
      const hashes = Array.isArray(json?.hashes)
        ? json.hashes.map((h) => (typeof h === 'string' ? fromHexStrict(h) : undefined))
        : undefined;
      if (!rootHash || !hashes || hashes.some((h) => h === undefined)) {
        throw invalidResponse(service, 'consistency proof is not hex rootHash and hashes');
      }
      const proof = { firstSize, lastSize, rootHash, hashes: hashes as Uint8Array[] };
      if (opts.firstRoot) {
        verifyConsistencyProof({
          size1: firstSize,
          size2: lastSize,
          root1: opts.firstRoot,
          root2: rootHash,
          hashes: proof.hashes,
        });
      }
      return proof;
    },
    async close() {
      if (ownsHttp) await http.close();
    },
  };
}

/** The Rekor v1 proposed entry for `proposed`. */
export function proposedEntryV1(proposed: ProposedEntry): unknown {
  const pem = Buffer.from(verifierPem(proposed.verifier), 'utf8');
  if (proposed.kind === 'dsse') {
    return {
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {
        proposedContent: { envelope: envelopeJson(proposed.envelope), verifiers: [encodeBase64(pem)] },
      },
    };
  }
  const algorithm = HASH_NAMES[proposed.digest.algorithm];
  if (!algorithm) {
    throw new RekorError(
      'ERR_TLOG_ENTRY_REJECTED',
      `Rekor v1 logs hashedrekord digests made with SHA-256, SHA-384 or SHA-512, not ${proposed.digest.algorithm}`,
    );
  }
  return {
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: { hash: { algorithm, value: toHex(proposed.digest.digest) } },
      signature: { content: encodeBase64(proposed.signature), publicKey: { content: encodeBase64(pem) } },
    },
  };
}

function single(json: RekorV1LogEntries, service: string): { uuid: string; entry: TransparencyLogEntry } {
  const keys = typeof json === 'object' && json !== null && !Array.isArray(json) ? Object.keys(json) : [];
  if (keys.length !== 1) throw invalidResponse(service, 'did not answer exactly one entry');
  const uuid = keys[0]!;
  const entry = transparencyLogEntryFromV1(json[uuid] as RekorV1LogEntry);
  const leafHash = leafHashOfUuid(uuid.toLowerCase());
  if (!leafHash || !bytesEqual(leafHash, hashLeaf(entry.canonicalizedBody))) {
    throw invalidResponse(service, `entry UUID ${uuid} does not name the entry's body`);
  }
  return { uuid, entry };
}

/** The UUID of the existing entry from a 409: the Location's last segment, else the message. */
function conflictUuid(location: string | null, body: string): string | undefined {
  const candidates = [
    location?.split('?')[0]?.split('/').pop(),
    /[0-9a-f]{80}|[0-9a-f]{64}/i.exec(body)?.[0],
  ];
  return candidates.find(
    (c): c is string => c !== undefined && leafHashOfUuid(c.toLowerCase()) !== undefined,
  );
}

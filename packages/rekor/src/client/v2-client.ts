import {
  encodeBase64,
  hashForKeyDetails,
  lazyHttpClient,
  type ProposedEntry,
  type TransparencyLogClient,
  type TransparencyLogEntry,
  type TransparencyLogEntryJson,
} from '@keyless/core';

import { parseCheckpoint } from '../checkpoint/parse.js';
import type { SignedCheckpoint } from '../checkpoint/types.js';
import { RekorError } from '../errors.js';
import { hashAlgorithmOf, keyDetailsForKey } from '../key-details.js';
import type { CreateEntryRequestJson, RekorV2VerifierJson } from '../v2/api-types.js';
import { transparencyLogEntryFromJson } from '../v2/log-entry.js';
import { checkLoggedEntry, verifyTrustedCheckpoint } from './check-entry.js';
import type { RekorClientOptions, RekorRequestOptions } from './options.js';
import { verifierKey } from './proposal.js';
import { logRequest } from './request-error.js';

/** A client of a Rekor v2 log; also a `TransparencyLogClient` (`addEntry` is `createEntry`). */
export interface RekorV2Client extends TransparencyLogClient {
  /**
   * Logs a signature and returns the entry, checked: the body is the one proposed and, with
   * `trust`, its inclusion proof and Ed25519 checkpoint verify. Logging an entry twice returns
   * the entry already logged.
   */
  createEntry(proposed: ProposedEntry, options?: RekorRequestOptions): Promise<TransparencyLogEntry>;
  /** The log's latest checkpoint (verified with `trust`). */
  getCheckpoint(options?: RekorRequestOptions): Promise<SignedCheckpoint>;
  /** Closes the HTTP client when this client made it. */
  close(): Promise<void>;
}

/**
 * Creates a Rekor v2 client over `@keyless/core/http`, with the error codes of
 * `createRekorV1Client`.
 *
 * @example
 * ```ts
 * const rekor = createRekorV2Client({ baseUrl: 'https://log2025-1.rekor.sigstore.dev', trust: trusted.tlogs });
 * const entry = await rekor.createEntry({ kind: 'dsse', envelope, verifier: { type: 'certificate', der } });
 * ```
 */
export function createRekorV2Client(options: RekorClientOptions): RekorV2Client {
  const base = options.baseUrl.replace(/\/+$/, '');
  const http = options.http ?? lazyHttpClient({ service: 'Rekor' });
  const ownsHttp = options.http === undefined;
  const trust = options.trust;

  async function createEntry(proposed: ProposedEntry, opts: RekorRequestOptions = {}) {
    const json = await logRequest(
      () =>
        http.postJson<TransparencyLogEntryJson>(
          `${base}/api/v2/log/entries`,
          createEntryRequestV2(proposed),
          {
            signal: opts.signal,
          },
        ),
      true,
    );
    const entry = transparencyLogEntryFromJson(json);
    checkLoggedEntry(entry, trust, { proposed, requireInclusionProof: true });
    return entry;
  }

  return {
    name: 'rekor-v2',
    createEntry,
    addEntry: createEntry,
    async getCheckpoint(opts = {}) {
      const response = await logRequest(() =>
        http.request({ url: `${base}/api/v2/checkpoint`, signal: opts.signal }),
      );
      const checkpoint = parseCheckpoint(response.text());
      if (trust) verifyTrustedCheckpoint(checkpoint, trust);
      return checkpoint;
    },
    async close() {
      if (ownsHttp) await http.close();
    },
  };
}

/** The Rekor v2 `CreateEntryRequest` for `proposed`. */
export function createEntryRequestV2(proposed: ProposedEntry): CreateEntryRequestJson {
  const key = verifierKey(proposed.verifier);
  const keyDetails = keyDetailsForKey(key);
  if (!keyDetails) throw new RekorError('ERR_TLOG_ENTRY_REJECTED', 'Rekor v2 does not accept this key type');
  const rawBytes = encodeBase64(proposed.verifier.der);
  const verifier: RekorV2VerifierJson =
    proposed.verifier.type === 'certificate'
      ? { x509Certificate: { rawBytes }, keyDetails }
      : { publicKey: { rawBytes }, keyDetails };
  if (proposed.kind === 'dsse') {
    const envelope = proposed.envelope;
    return {
      dsseRequestV002: {
        envelope: {
          payload: encodeBase64(envelope.payload),
          payloadType: envelope.payloadType,
          signatures: envelope.signatures.map((s) => ({ sig: encodeBase64(s.sig), keyid: s.keyid })),
        },
        verifiers: [verifier],
      },
    };
  }
  const hash = hashForKeyDetails(keyDetails);
  if (!hash) {
    throw new RekorError(
      'ERR_TLOG_ENTRY_REJECTED',
      'Ed25519 signs messages, not digests: log a dsse entry instead',
    );
  }
  if (hashAlgorithmOf(hash) !== proposed.digest.algorithm) {
    throw new RekorError(
      'ERR_TLOG_ENTRY_REJECTED',
      `a ${keyDetails} key signs ${hashAlgorithmOf(hash)} digests, not ${proposed.digest.algorithm}`,
    );
  }
  return {
    hashedRekordRequestV002: {
      digest: encodeBase64(proposed.digest.digest),
      signature: { content: encodeBase64(proposed.signature), verifier },
    },
  };
}

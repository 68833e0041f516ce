import { generateKeyPairSync, sign } from 'node:crypto';
import {
  encodePem,
  type ProposedEntry,
  sha256,
  type TransparencyLogClient,
  type TransparencyLogEntry,
  type TransparencyLogInstanceJson,
  toHex,
} from '@keyless/core';
import {
  formatCheckpointNote,
  formatSignedNote,
  hashLeaf,
  inclusionPath,
  inclusionPromisePayload,
  logOriginName,
  merkleTreeHash,
  pkixNoteKeyId,
} from '@keyless/rekor';

const KEY_DETAILS = 'PKIX_ECDSA_P256_SHA_256';
const TREE_ID = '7357';

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const pemBase64 = (der: Uint8Array) => b64(encodePem('CERTIFICATE', der));

function v1Body(entry: ProposedEntry): object {
  if (entry.kind === 'hashedrekord') {
    return {
      apiVersion: '0.0.1',
      kind: 'hashedrekord',
      spec: {
        data: { hash: { algorithm: 'sha256', value: toHex(entry.digest.digest) } },
        signature: { content: b64(entry.signature), publicKey: { content: pemBase64(entry.verifier.der) } },
      },
    };
  }
  const { envelope } = entry;
  const serialized = JSON.stringify({
    payload: b64(envelope.payload),
    payloadType: envelope.payloadType,
    signatures: envelope.signatures.map((s) => ({ keyid: s.keyid, sig: b64(s.sig) })),
  });
  return {
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: toHex(sha256(Buffer.from(serialized))) },
      payloadHash: { algorithm: 'sha256', value: toHex(sha256(envelope.payload)) },
      signatures: envelope.signatures.map((s) => ({
        signature: b64(s.sig),
        verifier: pemBase64(entry.verifier.der),
      })),
    },
  };
}

function v2Body(entry: ProposedEntry): object {
  const verifier = { x509Certificate: { rawBytes: b64(entry.verifier.der) }, keyDetails: KEY_DETAILS };
  if (entry.kind === 'hashedrekord') {
    return {
      apiVersion: '0.0.2',
      kind: 'hashedrekord',
      spec: {
        hashedRekordV002: {
          data: { algorithm: 'SHA2_256', digest: b64(entry.digest.digest) },
          signature: { content: b64(entry.signature), verifier },
        },
      },
    };
  }
  const { envelope } = entry;
  return {
    apiVersion: '0.0.2',
    kind: 'dsse',
    spec: {
      dsseV002: {
        payloadHash: { algorithm: 'SHA2_256', digest: b64(sha256(envelope.payload)) },
        signatures: envelope.signatures.map((s) => ({ content: b64(s.sig), verifier })),
      },
    },
  };
}

export interface FakeLogOptions {
  baseUrl: string;
  /** 1: Rekor v1 entries (integrated time, SET). 2: Rekor v2 entries (no integrated time, no SET). */
  version: 1 | 2;
  /** Called before each entry is added; throw to make the log fail. */
  onAddEntry?: (entry: ProposedEntry, signal: AbortSignal | undefined) => void | Promise<void>;
}

/**
 * An in-memory transparency log that writes entries a verifier accepts: a Merkle tree with an
 * inclusion proof and a signed checkpoint for every entry, plus an SET and integrated time for
 * v1 entries. Its `instance` is the piece of a trusted root that trusts it.
 */
export class FakeLog implements TransparencyLogClient {
  readonly name: string;
  readonly instance: TransparencyLogInstanceJson;
  readonly entries: ProposedEntry[] = [];
  private readonly leaves: Uint8Array[] = [];
  private readonly key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  private readonly spki: Uint8Array;
  private readonly logId: Uint8Array;

  constructor(private readonly options: FakeLogOptions) {
    this.name = `fake Rekor v${options.version} at ${options.baseUrl}`;
    this.spki = this.key.publicKey.export({ format: 'der', type: 'spki' });
    this.logId = sha256(this.spki);
    this.instance = {
      baseUrl: options.baseUrl,
      hashAlgorithm: 'SHA2_256',
      publicKey: {
        rawBytes: b64(this.spki),
        keyDetails: KEY_DETAILS,
        validFor: { start: new Date(Date.now() - 3600_000).toISOString() },
      },
      logId: { keyId: b64(this.logId) },
    };
  }

  async addEntry(entry: ProposedEntry, init?: { signal?: AbortSignal }): Promise<TransparencyLogEntry> {
    await this.options.onAddEntry?.(entry, init?.signal);
    this.entries.push(entry);
    const v1 = this.options.version === 1;
    const body = Buffer.from(JSON.stringify(v1 ? v1Body(entry) : v2Body(entry)));
    const logIndex = this.leaves.length;
    this.leaves.push(hashLeaf(body));
    const treeSize = this.leaves.length;
    const rootHash = merkleTreeHash(this.leaves);
    const name = logOriginName(this.options.baseUrl);
    const text = formatCheckpointNote({
      origin: v1 ? `${name} - ${TREE_ID}` : name,
      treeSize,
      rootHash,
      extensions: [],
    });
    const signature = sign('sha256', Buffer.from(text), this.key.privateKey);
    const checkpoint = formatSignedNote(text, [{ name, keyId: pkixNoteKeyId(this.spki), signature }]);
    const integratedTime = v1 ? Math.floor(Date.now() / 1000) : 0;
    const logged: TransparencyLogEntry = {
      logIndex,
      logId: { keyId: this.logId },
      kindVersion: { kind: entry.kind, version: v1 ? '0.0.1' : '0.0.2' },
      integratedTime,
      inclusionProof: {
        logIndex,
        rootHash,
        treeSize,
        hashes: inclusionPath(this.leaves, logIndex),
        checkpoint: { envelope: checkpoint },
      },
      canonicalizedBody: body,
    };
    if (v1) {
      const payload = inclusionPromisePayload({
        canonicalizedBody: body,
        integratedTime,
        logId: this.logId,
        logIndex,
      });
      logged.inclusionPromise = { signedEntryTimestamp: sign('sha256', payload, this.key.privateKey) };
    }
    return logged;
  }
}

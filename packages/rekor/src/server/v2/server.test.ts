import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeBase64, type TransparencyLogEntryJson } from '@keyless/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSigner } from '../../../test/certificate.js';
import { type Mounted, mount } from '../../../test/loopback.js';
import { trustFor } from '../../../test/trust.js';
import { verifyEntryBody } from '../../body/verify.js';
import { ed25519NoteKeyId } from '../../checkpoint/key-id.js';
import { parseCheckpoint } from '../../checkpoint/parse.js';
import { verifyCheckpoint } from '../../checkpoint/verify.js';
import { hashLeaf } from '../../merkle/hash.js';
import { merkleTreeHash } from '../../merkle/tree.js';
import { transparencyLogEntryFromJson } from '../../v2/log-entry.js';
import { tileIndexPath } from '../../v2/tile-path.js';
import { verifyTransparencyLogEntry } from '../../verify-entry.js';
import { createRekorV2Server, type RekorV2Server } from './server.js';

const signer = testSigner('bob@example.com');
const dirs: string[] = [];
let log: Mounted<RekorV2Server>;

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-rekor-v2-'));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  const dir = tempDir();
  log = await mount('/rekor-v2', (url) => createRekorV2Server({ dir, url }));
});

afterAll(async () => {
  await log.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

let counter = 0;
const certificateVerifier = () => ({
  x509Certificate: { rawBytes: encodeBase64(signer.certificate) },
  keyDetails: 'PKIX_ECDSA_P256_SHA_256',
});

function hashedRekordRequest() {
  const artifact = Buffer.from(`v2 artifact ${counter++} ${Math.random()}`);
  const digest = createHash('sha256').update(artifact).digest();
  const signature = sign('sha256', artifact, signer.privateKey);
  const request = (content: Uint8Array = signature, verifier: object = certificateVerifier()) => ({
    hashedRekordRequestV002: {
      digest: encodeBase64(digest),
      signature: { content: encodeBase64(content), verifier },
    },
  });
  return { digest, signature, request };
}

function dsseRequest(privateKey = signer.privateKey, verifier: object = certificateVerifier()) {
  const payloadType = 'application/vnd.in-toto+json';
  const payload = Buffer.from(`{"_type":"https://in-toto.io/Statement/v1","n":${counter++}}`);
  const pae = Buffer.concat([
    Buffer.from(`DSSEv1 ${payloadType.length} ${payloadType} ${payload.length} `),
    payload,
  ]);
  const sig = sign(privateKey.asymmetricKeyType === 'ed25519' ? null : 'sha256', pae, privateKey);
  return {
    envelope: { payload, payloadType, signatures: [{ sig, keyid: '' }] },
    request: {
      dsseRequestV002: {
        envelope: {
          payload: encodeBase64(payload),
          payloadType,
          signatures: [{ sig: encodeBase64(sig), keyid: '' }],
        },
        verifiers: [verifier],
      },
    },
  };
}

async function create(body: unknown, base = log.url) {
  const response = await fetch(`${base}/api/v2/log/entries`, { method: 'POST', body: JSON.stringify(body) });
  return { response, json: (await response.json()) as TransparencyLogEntryJson & { message?: string } };
}

describe('POST /api/v2/log/entries', () => {
  it('logs a hashedrekord 0.0.2 entry that verifies with the trust material the server returns', async () => {
    const { digest, signature, request } = hashedRekordRequest();
    const { response, json } = await create(request());
    expect(response.status).toBe(201);
    expect(json.integratedTime).toBeUndefined();
    const entry = transparencyLogEntryFromJson(json);
    expect(entry.kindVersion).toEqual({ kind: 'hashedrekord', version: '0.0.2' });
    expect(entry.inclusionPromise).toBeUndefined();
    const trust = trustFor(log.service.tlog);
    const verified = verifyTransparencyLogEntry(entry, trust, { requireInclusionProof: true });
    expect(verified.checks).toEqual(['inclusion-proof', 'checkpoint']);
    verifyTransparencyLogEntry(entry, trust, { timestamps: [new Date()] });
    verifyEntryBody(
      entry,
      { type: 'messageSignature', messageSignature: { signature } },
      { certificate: signer.certificate },
      { algorithm: 'SHA2_256', digest },
    );
  });

  it('logs a dsse 0.0.2 entry whose body matches the envelope', async () => {
    const { envelope, request } = dsseRequest();
    const { response, json } = await create(request);
    expect(response.status).toBe(201);
    const entry = transparencyLogEntryFromJson(json);
    expect(entry.kindVersion).toEqual({ kind: 'dsse', version: '0.0.2' });
    verifyTransparencyLogEntry(entry, trustFor(log.service.tlog), { requireInclusionProof: true });
    verifyEntryBody(
      entry,
      { type: 'dsseEnvelope', dsseEnvelope: envelope },
      { certificate: signer.certificate },
    );
  });

  it('logs a dsse envelope signed with an Ed25519 public key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    const { request } = dsseRequest(privateKey, {
      publicKey: { rawBytes: encodeBase64(spki) },
      keyDetails: 'PKIX_ED25519',
    });
    expect((await create(request)).response.status).toBe(201);
  });

  it('accepts the snake_case names of the protobuf JSON mapping', async () => {
    const { digest, signature } = hashedRekordRequest();
    const { response } = await create({
      hashed_rekord_request_v002: {
        digest: encodeBase64(digest),
        signature: {
          content: encodeBase64(signature),
          verifier: {
            x509_certificate: { raw_bytes: encodeBase64(signer.certificate) },
            key_details: 'PKIX_ECDSA_P256_SHA_256',
          },
        },
      },
    });
    expect(response.status).toBe(201);
  });

  it('refuses a signature that does not verify with 400', async () => {
    const { signature, request } = hashedRekordRequest();
    const flipped = Buffer.from(signature);
    flipped[8]! ^= 0x40;
    const { response, json } = await create(request(flipped));
    expect(response.status).toBe(400);
    expect(json.message).toContain('does not verify');
  });

  it('refuses key details that do not describe the key with 400', async () => {
    const { request } = hashedRekordRequest();
    const { response, json } = await create(
      request(undefined, { ...certificateVerifier(), keyDetails: 'PKIX_ECDSA_P384_SHA_384' }),
    );
    expect(response.status).toBe(400);
    expect(json.message).toContain('keyDetails');
  });

  it('refuses a request with both or neither kind of entry with 400', async () => {
    const { request } = hashedRekordRequest();
    expect((await create({ ...request(), ...dsseRequest().request })).response.status).toBe(400);
    expect((await create({})).response.status).toBe(400);
  });

  it('answers a duplicate with the entry already logged', async () => {
    const { request } = hashedRekordRequest();
    const first = await create(request());
    const again = await create(request());
    expect(again.response.status).toBe(200);
    expect(again.json.logIndex).toBe(first.json.logIndex);
    expect(again.json.canonicalizedBody).toBe(first.json.canonicalizedBody);
  });
});

describe('Rekor v2 identity', () => {
  it('names the log by its URL and signs checkpoints with the C2SP Ed25519 key ID, the start of its log ID', async () => {
    const tlog = log.service.tlog;
    const name = log.url.replace('http://', '');
    const rawKey = Buffer.from(tlog.publicKey.rawBytes!, 'base64').subarray(12);
    const logId = Buffer.from(tlog.logId.keyId, 'base64');
    expect(tlog.publicKey.keyDetails).toBe('PKIX_ED25519');
    expect(logId.readUInt32BE(0)).toBe(ed25519NoteKeyId(name, rawKey));
    const checkpoint = parseCheckpoint(await (await fetch(`${log.url}/api/v2/checkpoint`)).text());
    expect(checkpoint.origin).toBe(name);
    expect(verifyCheckpoint(checkpoint, trustFor(tlog)[0]!).keyId).toBe(logId.readUInt32BE(0));
  });
});

describe('tlog-tiles endpoints', () => {
  let tiles: Mounted<RekorV2Server>;
  const leaves = Array.from({ length: 300 }, (_, i) => Buffer.from(`tile leaf ${i}`));

  beforeAll(async () => {
    const dir = tempDir();
    tiles = await mount('/rekor-v2', (url) => createRekorV2Server({ dir, url }));
    await tiles.service.storage.appendBatch(leaves.map((leaf) => ({ leaf })));
  });

  afterAll(() => tiles.close());

  const get = (path: string) => fetch(`${tiles.url}/api/v2/${path}`);
  const hashes = (bytes: ArrayBuffer) =>
    Array.from({ length: bytes.byteLength / 32 }, (_, i) => Buffer.from(bytes, i * 32, 32));

  it('serves a full level-0 tile of 256 leaf hashes', async () => {
    const response = await get(`tile/0/${tileIndexPath(0)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
    const got = hashes(await response.arrayBuffer());
    expect(got).toEqual(leaves.slice(0, 256).map((l) => Buffer.from(hashLeaf(l))));
  });

  it('serves the partial tile at the right edge, whose hashes rebuild the checkpoint root', async () => {
    const full = hashes(await (await get('tile/0/000')).arrayBuffer());
    const partial = hashes(await (await get('tile/0/001.p/44')).arrayBuffer());
    expect(partial).toHaveLength(44);
    const checkpoint = parseCheckpoint(await (await get('checkpoint')).text());
    expect(checkpoint.treeSize).toBe(300);
    expect(Buffer.from(merkleTreeHash([...full, ...partial]))).toEqual(Buffer.from(checkpoint.rootHash));
  });

  it('serves a level-1 tile holding the root of each full level-0 tile', async () => {
    const level1 = hashes(await (await get('tile/1/000.p/1')).arrayBuffer());
    expect(level1[0]).toEqual(Buffer.from(merkleTreeHash(leaves.slice(0, 256).map(hashLeaf))));
  });

  it('serves entry bundles of length-prefixed entries', async () => {
    const bundle = Buffer.from(await (await get('tile/entries/001.p/44')).arrayBuffer());
    const entries: Buffer[] = [];
    for (let at = 0; at < bundle.length; ) {
      const length = bundle.readUInt16BE(at);
      entries.push(bundle.subarray(at + 2, at + 2 + length));
      at += 2 + length;
    }
    expect(entries).toEqual(leaves.slice(256, 300));
  });

  it('answers 404 for tiles the tree does not have yet and 400 for a malformed path', async () => {
    expect((await get('tile/0/001')).status).toBe(404);
    expect((await get('tile/0/001.p/45')).status).toBe(404);
    expect((await get('tile/entries/002')).status).toBe(404);
    expect((await get('tile/0/1')).status).toBe(400);
    expect((await get('tile/0/000.p/256')).status).toBe(400);
    expect((await get('tile/9/000')).status).toBe(400);
  });
});

describe('restarting the v2 log', () => {
  it('keeps its key and entries', async () => {
    const dir = tempDir();
    const first = await mount('/rekor-v2', (url) => createRekorV2Server({ dir, url }));
    const { request } = hashedRekordRequest();
    const created = await create(request(), first.url);
    const tlog = first.service.tlog;
    const url = first.url;
    await first.close();
    const second = await mount('/rekor-v2', () => createRekorV2Server({ dir, url }));
    try {
      expect(second.service.tlog).toEqual(tlog);
      const again = await create(request(), second.url);
      expect(again.response.status).toBe(200);
      expect(again.json.logIndex).toBe(created.json.logIndex);
      verifyTransparencyLogEntry(transparencyLogEntryFromJson(again.json), trustFor(tlog));
    } finally {
      await second.close();
    }
  });
});

import { createHash, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeBase64, encodePem, type TransparencyLogEntry } from '@keyless/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSigner } from '../../../test/certificate.js';
import { type Mounted, mount } from '../../../test/loopback.js';
import { trustFor } from '../../../test/trust.js';
import { verifyEntryBody } from '../../body/verify.js';
import { parseCheckpoint } from '../../checkpoint/parse.js';
import { verifyConsistencyProof } from '../../merkle/consistency.js';
import { hashLeaf } from '../../merkle/hash.js';
import type { RekorV1ConsistencyProofJson, RekorV1LogInfoJson } from '../../v1/api-types.js';
import { type RekorV1LogEntry, transparencyLogEntryFromV1 } from '../../v1/log-entry.js';
import { verifyTransparencyLogEntry } from '../../verify-entry.js';
import { createRekorServer, type RekorServer } from './server.js';

const signer = testSigner('Alice@Example.com');
const dirs: string[] = [];
let rekor: Mounted<RekorServer>;

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-rekor-v1-'));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  const dir = tempDir();
  rekor = await mount('/rekor', (url) => createRekorServer({ dir, url, treeId: '1193050959916656506' }));
});

afterAll(async () => {
  await rekor.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

let counter = 0;

/** A fresh artifact, its digest, and a hashedrekord proposal of the test signer's signature. */
function hashedRekord(verifier: 'certificate' | 'publicKey' = 'certificate') {
  const artifact = Buffer.from(`artifact ${counter++} ${Math.random()}`);
  const digest = createHash('sha256').update(artifact).digest();
  const signature = sign('sha256', artifact, signer.privateKey);
  const pem =
    verifier === 'publicKey'
      ? encodePem('PUBLIC KEY', signer.spki)
      : encodePem('CERTIFICATE', signer.certificate);
  const proposal = (content: Uint8Array = signature) => ({
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: { hash: { algorithm: 'sha256', value: digest.toString('hex') } },
      signature: { content: encodeBase64(content), publicKey: { content: encodeBase64(Buffer.from(pem)) } },
    },
  });
  return { digest, signature, proposal };
}

/** A DSSE envelope signed by the test signer and its dsse proposal. */
function dsse() {
  const payloadType = 'application/vnd.in-toto+json';
  const subject = createHash('sha256').update(`subject ${counter++}`).digest('hex');
  const payload = Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'a', digest: { sha256: subject } }],
    }),
  );
  const pae = Buffer.concat([
    Buffer.from(`DSSEv1 ${payloadType.length} ${payloadType} ${payload.length} `),
    payload,
  ]);
  const sig = sign('sha256', pae, signer.privateKey);
  const envelope = {
    payloadType,
    payload: payload.toString('base64'),
    signatures: [{ keyid: '', sig: sig.toString('base64') }],
  };
  return {
    subject,
    envelope: { payload, payloadType, signatures: [{ sig, keyid: '' }] },
    proposal: {
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {
        proposedContent: {
          envelope: JSON.stringify(envelope),
          verifiers: [encodeBase64(Buffer.from(encodePem('CERTIFICATE', signer.certificate)))],
        },
      },
    },
  };
}

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${rekor.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function postEntry(
  body: unknown,
): Promise<{ response: Response; uuid: string; entry: TransparencyLogEntry }> {
  const response = await post('/api/v1/log/entries', body);
  const json = (await response.json()) as Record<string, RekorV1LogEntry>;
  const [uuid, raw] = Object.entries(json)[0] ?? [];
  return { response, uuid: uuid ?? '', entry: raw ? transparencyLogEntryFromV1(raw) : (undefined as never) };
}

describe('POST /api/v1/log/entries', () => {
  it('logs a hashedrekord entry that verifies with the trust material the server returns', async () => {
    const { digest, signature, proposal } = hashedRekord();
    const { response, entry } = await postEntry(proposal());
    expect(response.status).toBe(201);
    const verified = verifyTransparencyLogEntry(entry, trustFor(rekor.service.tlog), {
      requireInclusionProof: true,
    });
    expect(verified.checks).toEqual(['inclusion-promise', 'inclusion-proof', 'checkpoint']);
    verifyEntryBody(
      entry,
      { type: 'messageSignature', messageSignature: { signature } },
      { certificate: signer.certificate },
      { algorithm: 'SHA2_256', digest },
    );
  });

  it('answers with a Location under the service URL and the 80-digit UUID as key', async () => {
    const { response, uuid, entry } = await postEntry(hashedRekord('publicKey').proposal());
    expect(uuid).toMatch(/^108e9186e8c5677a[0-9a-f]{64}$/);
    expect(uuid.slice(16)).toBe(Buffer.from(hashLeaf(entry.canonicalizedBody)).toString('hex'));
    expect(response.headers.get('location')).toBe(`${rekor.url}/api/v1/log/entries/${uuid}`);
  });

  it('stores the canonical body with keys sorted and the PEM re-encoded', async () => {
    const { proposal } = hashedRekord('publicKey');
    const { entry } = await postEntry(proposal());
    const body = Buffer.from(entry.canonicalizedBody).toString();
    expect(
      body.startsWith(
        '{"apiVersion":"0.0.1","kind":"hashedrekord","spec":{"data":{"hash":{"algorithm":"sha256"',
      ),
    ).toBe(true);
    const pem = JSON.parse(body).spec.signature.publicKey.content;
    expect(Buffer.from(pem, 'base64').toString()).toBe(encodePem('PUBLIC KEY', signer.spki));
  });

  it('logs a dsse entry whose body matches the envelope', async () => {
    const { envelope, proposal } = dsse();
    const { response, entry } = await postEntry(proposal);
    expect(response.status).toBe(201);
    expect(entry.kindVersion).toEqual({ kind: 'dsse', version: '0.0.1' });
    verifyTransparencyLogEntry(entry, trustFor(rekor.service.tlog));
    verifyEntryBody(
      entry,
      { type: 'dsseEnvelope', dsseEnvelope: envelope },
      { certificate: signer.certificate },
    );
  });

  it('refuses a hashedrekord signature that does not verify with 400', async () => {
    const { signature, proposal } = hashedRekord();
    const flipped = Buffer.from(signature);
    flipped[flipped.length - 1]! ^= 0x01;
    const response = await post('/api/v1/log/entries', proposal(flipped));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain('does not verify');
  });

  it('refuses a dsse envelope signed by another key with 400', async () => {
    const { proposal } = dsse();
    const other = testSigner();
    proposal.spec.proposedContent.verifiers = [
      encodeBase64(Buffer.from(encodePem('PUBLIC KEY', other.spki))),
    ];
    const response = await post('/api/v1/log/entries', proposal);
    expect(response.status).toBe(400);
  });

  it('refuses an unsupported kind, a malformed body and JSON that is not JSON with 400', async () => {
    expect(
      (await post('/api/v1/log/entries', { apiVersion: '0.0.1', kind: 'rekord', spec: {} })).status,
    ).toBe(400);
    const bad = hashedRekord().proposal();
    bad.spec.data.hash.value = 'xyz';
    expect((await post('/api/v1/log/entries', bad)).status).toBe(400);
    expect((await post('/api/v1/log/entries', '{not json')).status).toBe(400);
  });

  it('answers a duplicate with 409 and the Location of the existing entry', async () => {
    const { proposal } = hashedRekord();
    const first = await postEntry(proposal());
    const again = await post('/api/v1/log/entries', proposal());
    expect(again.status).toBe(409);
    expect(again.headers.get('location')).toBe(`${rekor.url}/api/v1/log/entries/${first.uuid}`);
    expect(((await again.json()) as { message: string }).message).toContain(first.uuid);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const response = await post('/api/v1/log/entries', 'x'.repeat(1024 * 1024 + 1));
    expect(response.status).toBe(413);
  });
});

describe('reading the v1 log', () => {
  it('returns an entry by log index and by UUID, both verifiable', async () => {
    const { uuid, entry } = await postEntry(hashedRekord().proposal());
    const trust = trustFor(rekor.service.tlog);
    const byIndex = (await (
      await fetch(`${rekor.url}/api/v1/log/entries?logIndex=${entry.logIndex}`)
    ).json()) as Record<string, RekorV1LogEntry>;
    expect(Object.keys(byIndex)).toEqual([uuid]);
    verifyTransparencyLogEntry(transparencyLogEntryFromV1(byIndex[uuid]!), trust);
    for (const id of [uuid, uuid.slice(16)]) {
      const byUuid = (await (await fetch(`${rekor.url}/api/v1/log/entries/${id}`)).json()) as Record<
        string,
        RekorV1LogEntry
      >;
      expect(Object.keys(byUuid)).toEqual([uuid]);
      verifyTransparencyLogEntry(transparencyLogEntryFromV1(byUuid[uuid]!), trust);
    }
  });

  it('answers 404 for an unknown index or UUID and 400 for a malformed UUID', async () => {
    expect((await fetch(`${rekor.url}/api/v1/log/entries?logIndex=999999`)).status).toBe(404);
    expect((await fetch(`${rekor.url}/api/v1/log/entries/${'ab'.repeat(32)}`)).status).toBe(404);
    expect((await fetch(`${rekor.url}/api/v1/log/entries/nothex`)).status).toBe(400);
  });

  it('reports the tree with a checkpoint the trusted log signed', async () => {
    await postEntry(hashedRekord().proposal());
    const info = (await (await fetch(`${rekor.url}/api/v1/log`)).json()) as RekorV1LogInfoJson;
    expect(info.treeID).toBe('1193050959916656506');
    expect(info.inactiveShards).toEqual([]);
    const checkpoint = parseCheckpoint(info.signedTreeHead);
    expect(checkpoint.origin).toBe(`${new URL(rekor.url).host}/rekor - 1193050959916656506`);
    expect(checkpoint.treeSize).toBe(info.treeSize);
    expect(Buffer.from(checkpoint.rootHash).toString('hex')).toBe(info.rootHash);
  });

  it('retrieves entries by UUID and log index in one search, skipping unknown ones', async () => {
    const a = await postEntry(hashedRekord().proposal());
    const b = await postEntry(hashedRekord().proposal());
    const response = await post('/api/v1/log/entries/retrieve', {
      entryUUIDs: [a.uuid, 'cd'.repeat(32)],
      logIndexes: [b.entry.logIndex, 1_000_000],
    });
    const found = (await response.json()) as Record<string, RekorV1LogEntry>[];
    expect(found.map((f) => Object.keys(f)[0])).toEqual([a.uuid, b.uuid]);
  });

  it('refuses a search for more than 10 entries with 422', async () => {
    const response = await post('/api/v1/log/entries/retrieve', {
      logIndexes: Array.from({ length: 11 }, (_, i) => i),
    });
    expect(response.status).toBe(422);
  });

  it('finds entries by artifact hash, by email (case-insensitive) and by in-toto subject', async () => {
    const { digest, proposal } = hashedRekord();
    const { uuid } = await postEntry(proposal());
    const byHash = (await (
      await post('/api/v1/index/retrieve', { hash: `sha256:${digest.toString('hex')}` })
    ).json()) as string[];
    expect(byHash).toEqual([uuid]);
    const byEmail = (await (
      await post('/api/v1/index/retrieve', { email: 'alice@example.COM' })
    ).json()) as string[];
    expect(byEmail).toContain(uuid);
    const { subject, proposal: envelopeProposal } = dsse();
    const logged = await postEntry(envelopeProposal);
    const bySubject = (await (await post('/api/v1/index/retrieve', { hash: subject })).json()) as string[];
    expect(bySubject).toEqual([logged.uuid]);
  });

  it('combines hash and email with "and"', async () => {
    const { digest, proposal } = hashedRekord('publicKey');
    await postEntry(proposal());
    const response = await post('/api/v1/index/retrieve', {
      hash: `sha256:${digest.toString('hex')}`,
      email: signer.email,
      operator: 'and',
    });
    expect(await response.json()).toEqual([]);
  });

  it('proves consistency between two published tree sizes', async () => {
    const before = (await (await fetch(`${rekor.url}/api/v1/log`)).json()) as RekorV1LogInfoJson;
    await postEntry(hashedRekord().proposal());
    await postEntry(hashedRekord().proposal());
    const after = (await (await fetch(`${rekor.url}/api/v1/log`)).json()) as RekorV1LogInfoJson;
    const proof = (await (
      await fetch(`${rekor.url}/api/v1/log/proof?firstSize=${before.treeSize}&lastSize=${after.treeSize}`)
    ).json()) as RekorV1ConsistencyProofJson;
    expect(proof.rootHash).toBe(after.rootHash);
    verifyConsistencyProof({
      size1: before.treeSize,
      size2: after.treeSize,
      root1: Buffer.from(before.rootHash, 'hex'),
      root2: Buffer.from(after.rootHash, 'hex'),
      hashes: proof.hashes.map((h) => Buffer.from(h, 'hex')),
    });
  });

  it('refuses a consistency proof past the tree size with 400', async () => {
    const response = await fetch(`${rekor.url}/api/v1/log/proof?firstSize=1&lastSize=99999999`);
    expect(response.status).toBe(400);
  });

  it('answers 404 for an unknown path and 405 for a wrong method', async () => {
    expect((await fetch(`${rekor.url}/api/v1/nothing`)).status).toBe(404);
    const response = await fetch(`${rekor.url}/api/v1/log`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});

describe('restarting the v1 log', () => {
  it('keeps its key, tree and entries, and old proofs extend to new checkpoints', async () => {
    const dir = tempDir();
    const first = await mount('/rekor', (url) => createRekorServer({ dir, url }));
    const old = await fetch(`${first.url}/api/v1/log/entries`, {
      method: 'POST',
      body: JSON.stringify(hashedRekord().proposal()),
    });
    const [oldUuid, oldRaw] = Object.entries((await old.json()) as Record<string, RekorV1LogEntry>)[0]!;
    const oldEntry = transparencyLogEntryFromV1(oldRaw);
    const tlog = first.service.tlog;
    const treeId = first.service.treeId;
    const url = first.url;
    await first.close();

    const second = await mount('/rekor', () => createRekorServer({ dir, url }));
    try {
      expect(second.service.tlog).toEqual(tlog);
      expect(second.service.treeId).toBe(treeId);
      const reread = (await (await fetch(`${second.url}/api/v1/log/entries/${oldUuid}`)).json()) as Record<
        string,
        RekorV1LogEntry
      >;
      expect(reread[oldUuid]?.body).toBe(oldRaw.body);
      await fetch(`${second.url}/api/v1/log/entries`, {
        method: 'POST',
        body: JSON.stringify(hashedRekord().proposal()),
      });
      const info = (await (await fetch(`${second.url}/api/v1/log`)).json()) as RekorV1LogInfoJson;
      const oldProof = oldEntry.inclusionProof!;
      const proof = (await (
        await fetch(`${second.url}/api/v1/log/proof?firstSize=${oldProof.treeSize}&lastSize=${info.treeSize}`)
      ).json()) as RekorV1ConsistencyProofJson;
      verifyConsistencyProof({
        size1: oldProof.treeSize,
        size2: info.treeSize,
        root1: oldProof.rootHash,
        root2: Buffer.from(info.rootHash, 'hex'),
        hashes: proof.hashes.map((h) => Buffer.from(h, 'hex')),
      });
      verifyTransparencyLogEntry(oldEntry, trustFor(second.service.tlog));
    } finally {
      await second.close();
    }
  });

  it('refuses a directory that holds a log with another tree ID', async () => {
    const dir = tempDir();
    const log = await createRekorServer({ dir, url: 'http://127.0.0.1:1/rekor', treeId: 7 });
    await log.close();
    await expect(
      createRekorServer({ dir, url: 'http://127.0.0.1:1/rekor', treeId: 8 }),
    ).rejects.toMatchObject({
      code: 'ERR_TLOG_STORAGE_FAILED',
    });
  });
});

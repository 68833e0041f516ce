import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PreparedLog, type TransparencyLogClient, toHex } from '@keyless/core';
import { createHttpClient } from '@keyless/core/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSigner } from '../../test/certificate.js';
import { type Mounted, mount } from '../../test/loopback.js';
import { dsseProposal, hashedRekordProposal, verifierOf } from '../../test/proposals.js';
import { trustFor } from '../../test/trust.js';
import { RekorError } from '../errors.js';
import { hashLeaf } from '../merkle/hash.js';
import { createRekorServer, type RekorServer } from '../server/v1/server.js';
import { createRekorV1Client } from './v1-client.js';

const signer = testSigner('Carol@Example.com');
const dirs: string[] = [];
let rekor: Mounted<RekorServer>;
let other: Mounted<RekorServer>;
let trust: PreparedLog[];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-rekor-client-'));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  rekor = await mount('/rekor', (url) => createRekorServer({ dir: tempDir(), url }));
  other = await mount('/rekor', (url) => createRekorServer({ dir: tempDir(), url }));
  trust = trustFor(rekor.service.tlog);
});

afterAll(async () => {
  await rekor.close();
  await other.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A client whose HTTP layer passes every JSON answer through `tamper`. */
function tamperingClient(tamper: (json: Record<string, unknown>, url: string) => unknown, withTrust = true) {
  const http = createHttpClient({
    service: 'Rekor',
    retries: 0,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const text = await response.text();
      let body = text;
      try {
        body = JSON.stringify(tamper(JSON.parse(text), String(input)));
      } catch {
        // Not JSON: pass it on untouched.
      }
      return new Response(body, { status: response.status, headers: response.headers });
    },
  });
  return createRekorV1Client({ baseUrl: rekor.url, http, trust: withTrust ? trust : undefined });
}

async function rekorError(promise: Promise<unknown>): Promise<RekorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RekorError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('createRekorV1Client', () => {
  it('logs a hashedrekord entry and returns it verified', async () => {
    const client = createRekorV1Client({ baseUrl: rekor.url, trust });
    const entry = await client.createEntry(hashedRekordProposal(signer));
    expect(entry.kindVersion).toEqual({ kind: 'hashedrekord', version: '0.0.1' });
    expect(entry.inclusionPromise).toBeDefined();
    expect(entry.inclusionProof?.checkpoint.envelope).toContain(' - ');
    await client.close();
  });

  it('logs a dsse entry through the TransparencyLogClient interface', async () => {
    const client: TransparencyLogClient = createRekorV1Client({ baseUrl: rekor.url, trust });
    const entry = await client.addEntry(dsseProposal(signer.privateKey, verifierOf(signer)));
    expect(entry.kindVersion).toEqual({ kind: 'dsse', version: '0.0.1' });
    expect(client.name).toBe('rekor-v1');
  });

  it('recovers from a 409 by fetching and verifying the existing entry', async () => {
    const client = createRekorV1Client({ baseUrl: rekor.url, trust });
    const proposal = hashedRekordProposal(signer, 'publicKey');
    const first = await client.createEntry(proposal);
    const again = await client.createEntry(proposal);
    expect(again.logIndex).toBe(first.logIndex);
    expect(again.canonicalizedBody).toEqual(first.canonicalizedBody);
  });

  it('reports a rejected entry with what the log said', async () => {
    const client = createRekorV1Client({ baseUrl: rekor.url, trust });
    const proposal = hashedRekordProposal(signer);
    proposal.signature = Buffer.from(proposal.signature).fill(1, 10, 12);
    const error = await rekorError(client.createEntry(proposal));
    expect(error.code).toBe('ERR_TLOG_ENTRY_REJECTED');
    expect(error.message).toMatch(
      /^Rekor: POST .*\/api\/v1\/log\/entries returned HTTP 400.*does not verify/,
    );
  });

  it('refuses an entry from a log the trust material does not name', async () => {
    const client = createRekorV1Client({ baseUrl: other.url, trust });
    const error = await rekorError(client.createEntry(hashedRekordProposal(signer)));
    expect(error.code).toBe('ERR_TLOG_UNKNOWN_LOG');
  });

  it('refuses an answer whose signed entry timestamp was altered', async () => {
    const client = tamperingClient((json) => {
      for (const entry of Object.values(json) as { verification: { signedEntryTimestamp: string } }[]) {
        const set = Buffer.from(entry.verification.signedEntryTimestamp, 'base64');
        set[set.length - 1]! ^= 1;
        entry.verification.signedEntryTimestamp = set.toString('base64');
      }
      return json;
    });
    const error = await rekorError(client.createEntry(hashedRekordProposal(signer)));
    expect(error.code).toBe('ERR_TLOG_INCLUSION_PROMISE_INVALID');
  });

  it('refuses an answer that records another signature than the one proposed', async () => {
    const decoy = await createRekorV1Client({ baseUrl: rekor.url }).createEntry(hashedRekordProposal(signer));
    const client = tamperingClient((json) => {
      const [uuid, entry] = Object.entries(json)[0] as [string, { body: string }];
      entry.body = Buffer.from(decoy.canonicalizedBody).toString('base64');
      return { [`${uuid.slice(0, 16)}${toHex(hashLeaf(decoy.canonicalizedBody))}`]: entry };
    }, false);
    const error = await rekorError(client.createEntry(hashedRekordProposal(signer)));
    expect(error.code).toBe('ERR_TLOG_BODY_MISMATCH');
  });

  it('refuses an answer whose UUID does not name its body', async () => {
    const client = tamperingClient((json) => {
      const [uuid, entry] = Object.entries(json)[0]!;
      return { [`${uuid.slice(0, -2)}00`]: entry };
    });
    const error = await rekorError(client.createEntry(hashedRekordProposal(signer)));
    expect(error.code).toBe('ERR_TLOG_RESPONSE_INVALID');
  });

  it('reads entries by index and by UUID, verified', async () => {
    const client = createRekorV1Client({ baseUrl: rekor.url, trust });
    const proposal = hashedRekordProposal(signer);
    const created = await client.createEntry(proposal);
    const byIndex = await client.getEntryByIndex(created.logIndex);
    expect(byIndex.canonicalizedBody).toEqual(created.canonicalizedBody);
    const [uuid] = await client.searchIndex({
      hash: `sha256:${Buffer.from(proposal.digest.digest).toString('hex')}`,
    });
    expect(uuid).toHaveLength(80);
    expect((await client.getEntryByUuid(uuid!)).logIndex).toBe(created.logIndex);
    expect((await client.getEntryByUuid(uuid!.slice(16))).logIndex).toBe(created.logIndex);
  });

  it('reports a missing entry as ERR_TLOG_NOT_FOUND', async () => {
    const client = createRekorV1Client({ baseUrl: rekor.url, trust });
    const error = await rekorError(client.getEntryByIndex(10_000_000));
    expect(error.code).toBe('ERR_TLOG_NOT_FOUND');
    expect(error.message).toContain('404');
  });

  it('finds entries by email', async () => {
    const client = createRekorV1Client({ baseUrl: rekor.url, trust });
    await client.createEntry(hashedRekordProposal(signer));
    expect((await client.searchIndex({ email: 'carol@example.com' })).length).toBeGreaterThan(0);
    expect(await client.searchIndex({ email: 'nobody@example.com' })).toEqual([]);
  });

  it('reads the log info with a verified checkpoint', async () => {
    const client = createRekorV1Client({ baseUrl: rekor.url, trust });
    await client.createEntry(hashedRekordProposal(signer));
    const info = await client.getLogInfo();
    expect(info.treeSize).toBeGreaterThan(0);
    expect(info.checkpoint.treeSize).toBe(info.treeSize);
    expect(info.treeId).toBe(rekor.service.treeId);
  });

  it('refuses log info signed by another log', async () => {
    const client = createRekorV1Client({ baseUrl: other.url, trust });
    const error = await rekorError(client.getLogInfo());
    expect(error.code).toBe('ERR_TLOG_CHECKPOINT_INVALID');
  });

  it('verifies a consistency proof against a root seen earlier, and refuses a wrong one', async () => {
    const client = createRekorV1Client({ baseUrl: rekor.url, trust });
    await client.createEntry(hashedRekordProposal(signer));
    const before = await client.getLogInfo();
    await client.createEntry(hashedRekordProposal(signer));
    const after = await client.getLogInfo();
    const proof = await client.getConsistencyProof(before.treeSize, after.treeSize, {
      firstRoot: before.rootHash,
    });
    expect(proof.rootHash).toEqual(after.rootHash);
    const wrongRoot = Buffer.from(before.rootHash).fill(0, 0, 1);
    const error = await rekorError(
      client.getConsistencyProof(before.treeSize, after.treeSize, { firstRoot: wrongRoot }),
    );
    expect(error.code).toBe('ERR_TLOG_CONSISTENCY_PROOF_INVALID');
  });

  it('reports an unreachable log as ERR_TLOG_REQUEST_FAILED naming it', async () => {
    const http = createHttpClient({ service: 'Rekor', retries: 0 });
    const client = createRekorV1Client({ baseUrl: 'http://127.0.0.1:9/rekor', http });
    const error = await rekorError(client.getLogInfo());
    expect(error.code).toBe('ERR_TLOG_REQUEST_FAILED');
    expect(error.message).toContain('Rekor: GET http://127.0.0.1:9/rekor/api/v1/log');
  });

  it('refuses a digest algorithm Rekor v1 does not log before sending anything', async () => {
    const client = createRekorV1Client({ baseUrl: 'http://127.0.0.1:9/rekor' });
    const proposal = {
      ...hashedRekordProposal(signer),
      digest: { algorithm: 'SHA3_256' as const, digest: new Uint8Array(32) },
    };
    expect((await rekorError(client.createEntry(proposal))).code).toBe('ERR_TLOG_ENTRY_REJECTED');
  });
});

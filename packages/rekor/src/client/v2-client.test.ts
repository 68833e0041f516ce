import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PreparedLog } from '@keyless/core';
import { createHttpClient } from '@keyless/core/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSigner } from '../../test/certificate.js';
import { type Mounted, mount } from '../../test/loopback.js';
import { dsseProposal, hashedRekordProposal, verifierOf } from '../../test/proposals.js';
import { trustFor } from '../../test/trust.js';
import { RekorError } from '../errors.js';
import { createRekorV2Server, type RekorV2Server } from '../server/v2/server.js';
import { createRekorV2Client } from './v2-client.js';

const signer = testSigner('dave@example.com');
const dirs: string[] = [];
let log: Mounted<RekorV2Server>;
let trust: PreparedLog[];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-rekor-v2-client-'));
  dirs.push(dir);
  log = await mount('/rekor-v2', (url) => createRekorV2Server({ dir, url }));
  trust = trustFor(log.service.tlog);
});

afterAll(async () => {
  await log.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function rekorError(promise: Promise<unknown>): Promise<RekorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RekorError) return error;
    throw error;
  }
  throw new Error('no error');
}

/** A client whose HTTP layer rewrites each answer's text with `tamper`. */
function tamperingClient(tamper: (text: string) => string) {
  const http = createHttpClient({
    service: 'Rekor',
    retries: 0,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      return new Response(tamper(await response.text()), {
        status: response.status,
        headers: response.headers,
      });
    },
  });
  return createRekorV2Client({ baseUrl: log.url, http, trust });
}

describe('createRekorV2Client', () => {
  it('logs a hashedrekord entry and returns it verified', async () => {
    const client = createRekorV2Client({ baseUrl: log.url, trust });
    const entry = await client.createEntry(hashedRekordProposal(signer));
    expect(entry.kindVersion).toEqual({ kind: 'hashedrekord', version: '0.0.2' });
    expect(entry.integratedTime).toBe(0);
    expect(entry.inclusionPromise).toBeUndefined();
    await client.close();
  });

  it('logs a dsse entry signed with an Ed25519 key through addEntry', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const client = createRekorV2Client({ baseUrl: log.url, trust });
    const verifier = { type: 'publicKey' as const, der: publicKey.export({ format: 'der', type: 'spki' }) };
    const entry = await client.addEntry(dsseProposal(privateKey, verifier));
    expect(entry.kindVersion).toEqual({ kind: 'dsse', version: '0.0.2' });
  });

  it('returns the entry already logged for a duplicate', async () => {
    const client = createRekorV2Client({ baseUrl: log.url, trust });
    const proposal = dsseProposal(signer.privateKey, verifierOf(signer));
    const first = await client.createEntry(proposal);
    expect((await client.createEntry(proposal)).logIndex).toBe(first.logIndex);
  });

  it('reports a rejected entry with what the log said', async () => {
    const client = createRekorV2Client({ baseUrl: log.url, trust });
    const proposal = hashedRekordProposal(signer, 'publicKey');
    proposal.digest = { ...proposal.digest, digest: Buffer.alloc(32, 7) };
    const error = await rekorError(client.createEntry(proposal));
    expect(error.code).toBe('ERR_TLOG_ENTRY_REJECTED');
    expect(error.message).toContain('does not verify');
  });

  it('refuses a digest made with another hash than the key signs with, before sending', async () => {
    const client = createRekorV2Client({ baseUrl: log.url, trust });
    const proposal = {
      ...hashedRekordProposal(signer),
      digest: { algorithm: 'SHA2_384' as const, digest: new Uint8Array(48) },
    };
    const error = await rekorError(client.createEntry(proposal));
    expect(error.code).toBe('ERR_TLOG_ENTRY_REJECTED');
    expect(error.message).toContain('PKIX_ECDSA_P256_SHA_256');
  });

  it('refuses an answer whose inclusion proof was altered', async () => {
    const client = tamperingClient((text) => {
      const json = JSON.parse(text);
      const root = Buffer.from(json.inclusionProof.rootHash, 'base64');
      root[0]! ^= 1;
      json.inclusionProof.rootHash = root.toString('base64');
      return JSON.stringify(json);
    });
    const error = await rekorError(client.createEntry(hashedRekordProposal(signer)));
    expect(error.code).toBe('ERR_TLOG_INCLUSION_PROOF_INVALID');
  });

  it('reads the latest checkpoint, verified', async () => {
    const client = createRekorV2Client({ baseUrl: log.url, trust });
    await client.createEntry(hashedRekordProposal(signer));
    const checkpoint = await client.getCheckpoint();
    expect(checkpoint.origin).toBe(log.url.replace('http://', ''));
    expect(checkpoint.treeSize).toBeGreaterThan(0);
  });

  it('refuses a checkpoint whose tree size was changed', async () => {
    const client = tamperingClient((text) => text.replace(/\n(\d+)\n/, (_, n) => `\n${Number(n) + 1}\n`));
    const error = await rekorError(client.getCheckpoint());
    expect(error.code).toBe('ERR_TLOG_CHECKPOINT_INVALID');
  });
});

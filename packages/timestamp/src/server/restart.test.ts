import { generateKeyPairSync } from 'node:crypto';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { post, queryFor, startTsa, temporaryDir } from '../../test/tsa-server.js';
import { verifyRfc3161Timestamp } from '../rfc3161/verify.js';
import { createTimestampServer } from './index.js';

const signature = Uint8Array.of(1, 2, 3, 4);

describe('the TSA folder', () => {
  let work: { dir: string; remove(): Promise<void> };
  beforeEach(async () => {
    work = await temporaryDir();
  });
  afterEach(() => work.remove());

  it('keeps the chain across a restart, so tokens still verify against the first trusted root', async () => {
    const first = await startTsa({ dir: work.dir });
    await first.stop(false);
    const second = await startTsa({ dir: work.dir });
    try {
      expect(second.server.timestampAuthority.certChain).toEqual(first.server.timestampAuthority.certChain);
      expect(second.server.timestampAuthority.validFor).toEqual(first.server.timestampAuthority.validFor);
      const { body } = await post(second.endpoint, queryFor(signature));
      expect(verifyRfc3161Timestamp(body, signature, first.trusted).kind).toBe('rfc3161');
    } finally {
      await second.stop(false);
    }
  });

  it('holds the signing key with mode 0600 and no CA key', async () => {
    await createTimestampServer({ dir: work.dir, url: 'http://127.0.0.1:1/tsa' });
    expect((await readdir(work.dir)).sort()).toEqual(['tsa-cert-chain.pem', 'tsa-signing-key.pem']);
    expect((await stat(join(work.dir, 'tsa-signing-key.pem'))).mode & 0o777).toBe(0o600);
  });

  it('refuses a signing algorithm other than the one the folder holds', async () => {
    await createTimestampServer({
      dir: work.dir,
      url: 'http://127.0.0.1:1',
      signingAlgorithm: 'ecdsa-p256-sha256',
    });
    await expect(
      createTimestampServer({
        dir: work.dir,
        url: 'http://127.0.0.1:1',
        signingAlgorithm: 'ecdsa-p384-sha384',
      }),
    ).rejects.toMatchObject({ code: 'ERR_TSA_CONFIG_INVALID' });
  });

  it('refuses a signing key that is not the leaf certificate key', async () => {
    await createTimestampServer({ dir: work.dir, url: 'http://127.0.0.1:1' });
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    await writeFile(join(work.dir, 'tsa-signing-key.pem'), other.export({ type: 'pkcs8', format: 'pem' }));
    await expect(createTimestampServer({ dir: work.dir, url: 'http://127.0.0.1:1' })).rejects.toMatchObject({
      code: 'ERR_TSA_CONFIG_INVALID',
      message: expect.stringContaining('is not the key of the leaf certificate'),
    });
  });

  it('refuses an unreadable chain file', async () => {
    await createTimestampServer({ dir: work.dir, url: 'http://127.0.0.1:1' });
    await writeFile(join(work.dir, 'tsa-cert-chain.pem'), 'not a chain');
    await expect(createTimestampServer({ dir: work.dir, url: 'http://127.0.0.1:1' })).rejects.toMatchObject({
      code: 'ERR_TSA_CONFIG_INVALID',
    });
  });

  it('creates a new chain when a crash left a key without its chain', async () => {
    const first = await createTimestampServer({ dir: work.dir, url: 'http://127.0.0.1:1' });
    await rm(join(work.dir, 'tsa-cert-chain.pem'));
    const second = await createTimestampServer({ dir: work.dir, url: 'http://127.0.0.1:1' });
    expect(second.timestampAuthority.certChain).not.toEqual(first.timestampAuthority.certChain);
  });

  it('refuses a policy that is not an OID', async () => {
    await expect(
      createTimestampServer({ dir: work.dir, url: 'http://127.0.0.1:1', policy: 'policy-one' }),
    ).rejects.toMatchObject({ code: 'ERR_TSA_CONFIG_INVALID' });
  });

  it('refuses a url that is not one', async () => {
    await expect(createTimestampServer({ dir: work.dir, url: 'not a url' })).rejects.toMatchObject({
      code: 'ERR_TSA_CONFIG_INVALID',
    });
  });
});

import { existsSync, readdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/fulcio-server.js';
import { FulcioError } from '../errors.js';
import { createFulcioServer } from './create-server.js';

const dirs: string[] = [];
function freshDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function start(dir: string, now = () => new Date()) {
  return createFulcioServer({ dir, url: 'http://127.0.0.1:1/fulcio/', oidcIssuers: [], now });
}

describe('the CA folder', () => {
  it('keeps the same CA and CT log across a restart', async () => {
    const dir = freshDir();
    const first = await start(dir);
    await first.close();
    const second = await start(dir, () => new Date(Date.now() + 86_400_000));
    await second.close();
    expect(second.certificateAuthority).toEqual(first.certificateAuthority);
    expect(second.ctlog).toEqual(first.ctlog);
  });

  it('gives another folder another CA and CT log', async () => {
    const a = await start(freshDir());
    const b = await start(freshDir());
    expect(a.certificateAuthority.certChain).not.toEqual(b.certificateAuthority.certChain);
    expect(a.ctlog.logId).not.toEqual(b.ctlog.logId);
  });

  it('writes private keys with mode 0600', async () => {
    const dir = freshDir();
    await start(dir);
    const keys = readdirSync(dir).filter((name) => name.endsWith('-key.pem'));
    expect(keys.sort()).toEqual(['ca-intermediate-key.pem', 'ca-root-key.pem', 'ctlog-key.pem']);
    for (const name of keys) expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
  });

  it('creates the folder when it is missing', async () => {
    const dir = join(freshDir(), 'nested', 'fulcio');
    await start(dir);
    expect(existsSync(join(dir, 'ca-intermediate.pem'))).toBe(true);
  });

  it('dates the trust pieces from their creation, to the second, and keeps that date', async () => {
    const dir = freshDir();
    const created = new Date('2030-05-06T07:08:09.876Z');
    const first = await start(dir, () => created);
    expect(first.certificateAuthority.validFor?.start).toBe('2030-05-06T07:08:09.000Z');
    expect(first.ctlog.publicKey.validFor?.start).toBe('2030-05-06T07:08:09.000Z');
    const later = await start(dir, () => new Date('2031-01-01T00:00:00Z'));
    expect(later.certificateAuthority.validFor?.start).toBe('2030-05-06T07:08:09.000Z');
  });

  it('names the CA by its URL (without trailing slash) and the CT log under it', async () => {
    const server = await start(freshDir());
    expect(server.certificateAuthority.uri).toBe('http://127.0.0.1:1/fulcio');
    expect(server.ctlog.baseUrl).toBe('http://127.0.0.1:1/fulcio/ctlog');
    expect(server.certificateAuthority.certChain.certificates).toHaveLength(2);
  });

  it('refuses a folder where part of the CA is missing', async () => {
    const dir = freshDir();
    await start(dir);
    unlinkSync(join(dir, 'ca-intermediate-key.pem'));
    const error = await start(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FulcioError);
    expect((error as FulcioError).code).toBe('ERR_FULCIO_STATE_INVALID');
    expect((error as FulcioError).message).toMatch(/missing ca-intermediate-key\.pem/);
  });

  it('close() can be called twice', async () => {
    const server = await start(freshDir());
    await server.close();
    await expect(server.close()).resolves.toBeUndefined();
  });
});

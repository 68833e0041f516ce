import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { oidcFailure } from '../../test/helpers/errors.js';
import { fakeJwt } from '../../test/helpers/tokens.js';
import { staticTokenProvider } from './static-token.js';

const dir = mkdtempSync(join(tmpdir(), 'keyless-static-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('staticTokenProvider', () => {
  it('returns a token given inline', async () => {
    const token = fakeJwt();
    await expect(staticTokenProvider(token).getToken({ audience: 'sigstore' })).resolves.toBe(token);
  });

  it('reads a token from a file, on every call', async () => {
    const path = join(dir, 'token.jwt');
    const first = fakeJwt({ sub: 'one' });
    writeFileSync(path, `${first}\n`);
    const provider = staticTokenProvider(path);
    await expect(provider.getToken({ audience: 'sigstore' })).resolves.toBe(first);
    const second = fakeJwt({ sub: 'two' });
    writeFileSync(path, second);
    await expect(provider.getToken({ audience: 'sigstore' })).resolves.toBe(second);
  });

  it('names a missing file', async () => {
    const path = join(dir, 'missing.jwt');
    const err = await oidcFailure(staticTokenProvider(path).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_PROVIDER_UNAVAILABLE');
    expect(err.message).toBe(`identity token: the file ${path} does not exist`);
  });

  it('does not echo a malformed token as if it were a path', async () => {
    const broken = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0';
    const err = await oidcFailure(staticTokenProvider(broken).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_TOKEN_INVALID');
    expect(err.message).not.toContain(broken);
  });

  it('refuses a file that holds no JWT', async () => {
    const path = join(dir, 'junk.txt');
    writeFileSync(path, 'hello');
    const err = await oidcFailure(staticTokenProvider(path).getToken({ audience: 'sigstore' }));
    expect(err.message).toBe(`identity token (from ${path}): returned something that is not a JWT`);
  });

  it('is always detected', async () => {
    expect(await staticTokenProvider('x').detect?.()).toBe(true);
  });
});

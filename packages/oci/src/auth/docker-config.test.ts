import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scratchDir } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import type { OciError } from '../errors.js';
import type { HelperRunner } from './credential-helper.js';
import { dockerConfigCredentials, dockerConfigPath, registryOfConfigKey } from './docker-config.js';

async function configDir(config: unknown): Promise<Record<string, string>> {
  const dir = scratchDir('keyless-docker-config-');
  await writeFile(join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return { DOCKER_CONFIG: dir };
}

const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

/** A fake `docker-credential-*` that records calls and answers from a table. */
function fakeHelpers(table: Record<string, Record<string, { Username: string; Secret: string }>>) {
  const calls: Array<{ program: string; args: string[]; input: string }> = [];
  const run: HelperRunner = async (program, args, input) => {
    calls.push({ program, args, input });
    const answer = table[program]?.[input];
    if (!answer)
      throw Object.assign(new Error('exit 1'), { stdout: 'credentials not found in native keychain' });
    return { stdout: JSON.stringify({ ServerURL: input, ...answer }) };
  };
  return { run, calls };
}

describe('registryOfConfigKey', () => {
  it('maps the Docker Hub keys to index.docker.io', () => {
    expect(registryOfConfigKey('https://index.docker.io/v1/')).toBe('index.docker.io');
    expect(registryOfConfigKey('docker.io')).toBe('index.docker.io');
  });

  it('strips scheme and path from other keys', () => {
    expect(registryOfConfigKey('http://localhost:5000/v2/')).toBe('localhost:5000');
  });
});

describe('dockerConfigCredentials', () => {
  it('reads DOCKER_CONFIG before the home directory', () => {
    expect(dockerConfigPath({ env: { DOCKER_CONFIG: '/x' }, home: '/home/u' })).toBe('/x/config.json');
    expect(dockerConfigPath({ env: {}, home: '/home/u' })).toBe('/home/u/.docker/config.json');
  });

  it('decodes an inline auths entry for its registry only', async () => {
    const env = await configDir({ auths: { 'ghcr.io': { auth: basic('me', 'p:ss') } } });
    const credentials = dockerConfigCredentials({ env });
    expect(await credentials('ghcr.io')).toEqual({ username: 'me', password: 'p:ss' });
    expect(await credentials('quay.io')).toBeUndefined();
  });

  it('finds Docker Hub credentials stored under the v1 URL', async () => {
    const env = await configDir({ auths: { 'https://index.docker.io/v1/': { auth: basic('hub', 'pw') } } });
    expect(await dockerConfigCredentials({ env })('index.docker.io')).toEqual({
      username: 'hub',
      password: 'pw',
    });
  });

  it('reads an identity token', async () => {
    const env = await configDir({ auths: { 'example.azurecr.io': { identitytoken: 'refresh-me' } } });
    expect(await dockerConfigCredentials({ env })('example.azurecr.io')).toEqual({
      identityToken: 'refresh-me',
    });
  });

  it('asks the credHelpers entry of the registry, passing the host on stdin', async () => {
    const env = await configDir({
      credHelpers: { 'gcr.io': 'gcloud' },
      auths: { 'gcr.io': { auth: basic('inline', 'x') } },
    });
    const helpers = fakeHelpers({
      'docker-credential-gcloud': { 'gcr.io': { Username: 'oauth2accesstoken', Secret: 'tok' } },
    });
    expect(await dockerConfigCredentials({ env, runHelper: helpers.run })('gcr.io')).toEqual({
      username: 'oauth2accesstoken',
      password: 'tok',
    });
    expect(helpers.calls).toEqual([{ program: 'docker-credential-gcloud', args: ['get'], input: 'gcr.io' }]);
  });

  it('asks the credsStore with Docker Hub as its v1 URL', async () => {
    const env = await configDir({ credsStore: 'desktop' });
    const helpers = fakeHelpers({
      'docker-credential-desktop': { 'https://index.docker.io/v1/': { Username: 'hub', Secret: 's' } },
    });
    expect(await dockerConfigCredentials({ env, runHelper: helpers.run })('index.docker.io')).toEqual({
      username: 'hub',
      password: 's',
    });
  });

  it('falls back to auths when the credsStore has nothing', async () => {
    const env = await configDir({
      credsStore: 'desktop',
      auths: { 'localhost:5000': { auth: basic('a', 'b') } },
    });
    const helpers = fakeHelpers({});
    expect(await dockerConfigCredentials({ env, runHelper: helpers.run })('localhost:5000')).toEqual({
      username: 'a',
      password: 'b',
    });
  });

  it('reads a helper answer with user <token> as an identity token', async () => {
    const env = await configDir({ credHelpers: { 'acr.example': 'acr' } });
    const helpers = fakeHelpers({
      'docker-credential-acr': { 'acr.example': { Username: '<token>', Secret: 'rt' } },
    });
    expect(await dockerConfigCredentials({ env, runHelper: helpers.run })('acr.example')).toEqual({
      identityToken: 'rt',
    });
  });

  it('refuses a helper name that is not a plain program name', async () => {
    const env = await configDir({ credHelpers: { 'evil.example': '../../bin/sh' } });
    const helpers = fakeHelpers({});
    await expect(
      dockerConfigCredentials({ env, runHelper: helpers.run })('evil.example'),
    ).rejects.toMatchObject({ code: 'ERR_CREDENTIALS' });
    expect(helpers.calls).toEqual([]);
  });

  it('reports a missing helper executable as ERR_CREDENTIALS', async () => {
    const env = await configDir({ credHelpers: { 'gcr.io': 'keyless-test-no-such-helper' } });
    const error = await dockerConfigCredentials({ env })('gcr.io').catch((e: unknown) => e);
    expect((error as OciError).code).toBe('ERR_CREDENTIALS');
    expect((error as OciError).message).toContain('not installed');
  });

  it('treats a missing config file as no credentials', async () => {
    expect(
      await dockerConfigCredentials({ env: { DOCKER_CONFIG: join(tmpdir(), 'keyless-no-such-dir') } })(
        'ghcr.io',
      ),
    ).toBeUndefined();
  });

  it('reports a config that is not JSON as ERR_CREDENTIALS', async () => {
    const env = await configDir('{not json');
    await expect(dockerConfigCredentials({ env })('ghcr.io')).rejects.toMatchObject({
      code: 'ERR_CREDENTIALS',
    });
  });
});

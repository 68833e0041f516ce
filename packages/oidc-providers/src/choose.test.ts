import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OidcProvider } from '@keyless/core';
import { afterAll, describe, expect, it } from 'vitest';
import { oidcFailure } from '../test/helpers/errors.js';
import { fakeJwt } from '../test/helpers/tokens.js';
import { AMBIENT_PROVIDER_ORDER, chooseOidcProvider } from './choose.js';

const dir = mkdtempSync(join(tmpdir(), 'keyless-choose-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Outside any CI: no variables, and a Kubernetes token path that does not exist.
const quiet = { KEYLESS_KUBERNETES_TOKEN_FILE: join(dir, 'none') };
const base = { issuer: 'https://issuer.test', interactive: false, env: quiet };

const plugin = (name: string, detected?: boolean): OidcProvider => ({
  name,
  getToken: async () => fakeJwt(),
  ...(detected !== undefined && { detect: () => detected }),
});

/** Every ambient provider's environment, to check which one wins. */
const ENV_OF: Record<(typeof AMBIENT_PROVIDER_ORDER)[number], Record<string, string>> = {
  'github-actions': { GITHUB_ACTIONS: 'true' },
  gitlab: { GITLAB_CI: 'true' },
  buildkite: { BUILDKITE: 'true' },
  circleci: { CIRCLECI: 'true' },
  kubernetes: {},
  spiffe: { SPIFFE_ENDPOINT_SOCKET: 'unix:///run/spire/agent.sock' },
  'google-cloud': { K_SERVICE: 'api' },
};

describe('chooseOidcProvider', () => {
  it('asks ambient providers in the documented order', () => {
    expect(AMBIENT_PROVIDER_ORDER).toEqual([
      'github-actions',
      'gitlab',
      'buildkite',
      'circleci',
      'kubernetes',
      'spiffe',
      'google-cloud',
    ]);
  });

  it('picks a provider by name, even one that is not detected', async () => {
    expect((await chooseOidcProvider({ ...base, name: 'circleci' })).name).toBe('circleci');
  });

  it('picks a plugin provider by name', async () => {
    const acme = plugin('acme');
    expect(await chooseOidcProvider({ ...base, name: 'acme', extraProviders: [acme] })).toBe(acme);
  });

  it('lists the known names for an unknown one', async () => {
    const err = await oidcFailure(
      chooseOidcProvider({ ...base, name: 'okta', extraProviders: [plugin('acme')] }),
    );
    expect(err.code).toBe('ERR_PROVIDER_UNKNOWN');
    expect(err.message).toBe(
      'unknown OIDC provider "okta"; known: static, environment, github-actions, gitlab, buildkite, circleci, kubernetes, spiffe, google-cloud, browser, device-flow, acme',
    );
  });

  it('prefers an identity token over the environment and ambient CI', async () => {
    const env = { ...quiet, GITHUB_ACTIONS: 'true', SIGSTORE_ID_TOKEN: fakeJwt() };
    expect((await chooseOidcProvider({ ...base, env, identityToken: fakeJwt() })).name).toBe('static');
  });

  it('prefers SIGSTORE_ID_TOKEN over ambient CI', async () => {
    const env = { ...quiet, GITHUB_ACTIONS: 'true', SIGSTORE_ID_TOKEN: fakeJwt() };
    expect((await chooseOidcProvider({ ...base, env })).name).toBe('environment');
  });

  it.each(AMBIENT_PROVIDER_ORDER.map((name, i) => [name, i] as const))(
    'detects %s ahead of every provider after it',
    async (name, index) => {
      const env: Record<string, string> = { ...quiet };
      for (const later of AMBIENT_PROVIDER_ORDER.slice(index)) Object.assign(env, ENV_OF[later]);
      if (AMBIENT_PROVIDER_ORDER.indexOf('kubernetes') >= index) {
        const token = join(dir, `token-${index}`);
        writeFileSync(token, fakeJwt());
        env.KEYLESS_KUBERNETES_TOKEN_FILE = token;
      }
      expect((await chooseOidcProvider({ ...base, env })).name).toBe(name);
    },
  );

  it('asks detected plugin providers before the built-in ambient ones', async () => {
    const env = { ...quiet, GITHUB_ACTIONS: 'true' };
    const acme = plugin('acme', true);
    const chosen = await chooseOidcProvider({ ...base, env, extraProviders: [plugin('off', false), acme] });
    expect(chosen).toBe(acme);
  });

  it('skips ambient providers when disableAmbient is set', async () => {
    const env = { ...quiet, GITHUB_ACTIONS: 'true' };
    const chosen = await chooseOidcProvider({
      ...base,
      env,
      disableAmbient: true,
      extraProviders: [plugin('acme', true)],
    });
    expect(chosen.name).toBe('device-flow');
  });

  it('falls back to the browser when interactive and to the device flow when not', async () => {
    // Ambient detection off: a test machine that is itself a Google Cloud VM would be detected.
    const none = { ...base, disableAmbient: true };
    expect((await chooseOidcProvider({ ...none, interactive: true })).name).toBe('browser');
    expect((await chooseOidcProvider({ ...none, interactive: false })).name).toBe('device-flow');
  });

  it('refuses the static provider by name without a token', async () => {
    const err = await oidcFailure(chooseOidcProvider({ ...base, name: 'static' }));
    expect(err.code).toBe('ERR_PROVIDER_UNAVAILABLE');
  });
});

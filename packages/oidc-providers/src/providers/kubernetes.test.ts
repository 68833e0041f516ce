import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { oidcFailure } from '../../test/helpers/errors.js';
import { fakeJwt } from '../../test/helpers/tokens.js';
import { KUBERNETES_TOKEN_PATH, kubernetesProvider } from './kubernetes.js';

const dir = mkdtempSync(join(tmpdir(), 'keyless-k8s-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const k8sToken = (claims: Record<string, unknown> = {}) =>
  fakeJwt({ iss: 'https://kubernetes.default.svc', sub: 'system:serviceaccount:ci:builder', ...claims });

describe('kubernetesProvider', () => {
  it('reads the projected token from the file named by KEYLESS_KUBERNETES_TOKEN_FILE', async () => {
    const path = join(dir, 'oidc-token');
    const token = k8sToken();
    writeFileSync(path, token);
    const provider = kubernetesProvider({ env: { KEYLESS_KUBERNETES_TOKEN_FILE: path } });
    expect(await provider.detect?.()).toBe(true);
    await expect(provider.getToken({ audience: 'sigstore' })).resolves.toBe(token);
  });

  it('is not detected when the file is absent', async () => {
    expect(await kubernetesProvider({ path: join(dir, 'nothing') }).detect?.()).toBe(false);
  });

  it('defaults to the shared Sigstore mount path', () => {
    expect(KUBERNETES_TOKEN_PATH).toBe('/var/run/sigstore/cosign/oidc-token');
  });

  it('says how to mount the token when the file is missing', async () => {
    const path = join(dir, 'missing');
    const err = await oidcFailure(kubernetesProvider({ path }).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_PROVIDER_UNAVAILABLE');
    expect(err.message).toBe(
      `kubernetes: the file ${path} does not exist; mount a projected service-account token with audience "sigstore" there, or set KEYLESS_KUBERNETES_TOKEN_FILE`,
    );
  });

  it('refuses the API-server token, whose audience is not sigstore', async () => {
    const path = join(dir, 'api-token');
    writeFileSync(path, k8sToken({ aud: ['https://kubernetes.default.svc'] }));
    const err = await oidcFailure(kubernetesProvider({ path }).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_TOKEN_INVALID');
    expect(err.message).toContain('set "audience: sigstore" on the projected serviceAccountToken');
  });
});

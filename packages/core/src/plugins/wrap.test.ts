import { describe, expect, it } from 'vitest';
import { CoreError, KeylessError } from '../errors/keyless-error.js';
import type { OidcProvider } from './oidc-provider.js';
import { wrapPlugin, wrapPluginProvider, wrapPluginTimestampSource, wrapPluginTrustRoot } from './wrap.js';

const owner = { name: 'acme' };

async function failure(promise: Promise<unknown>): Promise<CoreError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof CoreError) return err;
  throw new Error(`expected a CoreError, got ${String(err)}`);
}

describe('wrapPluginProvider', () => {
  it('passes a token through, trimmed', async () => {
    const provider = wrapPluginProvider(owner, { name: 'p', getToken: async () => ' a.b.c\n' });
    await expect(provider.getToken({ audience: 'sigstore' })).resolves.toBe('a.b.c');
  });

  it('turns a KeylessError of the plugin into ERR_PLUGIN and keeps it as cause', async () => {
    const original = new KeylessError('ERR_ACME', 'quota exceeded');
    const provider = wrapPluginProvider(owner, {
      name: 'p',
      getToken: async () => {
        throw original;
      },
    });
    const err = await failure(provider.getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_PLUGIN');
    expect(err.message).toBe('plugin acme: quota exceeded');
    expect(err.cause).toBe(original);
  });

  it('reports a thrown non-Error value', async () => {
    const provider = wrapPluginProvider(owner, {
      name: 'p',
      getToken: () => Promise.reject('plain string'),
    });
    expect((await failure(provider.getToken({ audience: 'sigstore' }))).message).toBe(
      'plugin acme: plain string',
    );
  });

  it('keeps a token quoted by the plugin out of the message', async () => {
    const provider = wrapPluginProvider(owner, {
      name: 'p',
      getToken: async () => {
        throw new Error('rejected eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl');
      },
    });
    const err = await failure(provider.getToken({ audience: 'sigstore' }));
    expect(err.message).toBe('plugin acme: rejected [redacted token]');
  });

  it('refuses a provider that resolves to something other than a token', async () => {
    const provider = wrapPluginProvider(owner, {
      name: 'p',
      getToken: async () => ({ value: 'x' }) as unknown as string,
    });
    const err = await failure(provider.getToken({ audience: 'sigstore' }));
    expect(err.message).toBe('plugin acme: OIDC provider "p" returned no token');
  });

  it('lets the caller abort reason through unchanged', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled by user');
    const provider = wrapPluginProvider(owner, {
      name: 'p',
      getToken: ({ signal }) =>
        new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason))),
    });
    const pending = provider.getToken({ audience: 'sigstore', signal: controller.signal });
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('keeps detect absent when the provider has none', () => {
    expect(wrapPluginProvider(owner, { name: 'p', getToken: async () => 't' }).detect).toBeUndefined();
  });

  it('calls detect with the provider as this', async () => {
    const provider = {
      name: 'p',
      ready: true,
      getToken: async () => 't',
      detect(this: { ready: boolean }) {
        return this.ready;
      },
    } satisfies OidcProvider & { ready: boolean };
    await expect(wrapPluginProvider(owner, provider).detect!()).resolves.toBe(true);
  });

  it('does not prefix the message twice when wrapped twice', async () => {
    const once = wrapPluginProvider(owner, {
      name: 'p',
      getToken: async () => {
        throw new Error('down');
      },
    });
    const err = await failure(wrapPluginProvider(owner, once).getToken({ audience: 'sigstore' }));
    expect(err.message).toBe('plugin acme: down');
  });
});

describe('wrapPluginTrustRoot', () => {
  it('refuses a result that is not an object', async () => {
    const source = wrapPluginTrustRoot(owner, {
      name: 'r',
      getTrustedRoot: async () => '[]' as never,
    });
    expect((await failure(source.getTrustedRoot())).message).toBe(
      'plugin acme: trust root source "r" returned no trusted root object',
    );
  });

  it('reports a thrown error with the plugin name', async () => {
    const source = wrapPluginTrustRoot(owner, {
      name: 'r',
      getTrustedRoot: async () => {
        throw new Error('ENOENT trusted_root.json');
      },
    });
    expect((await failure(source.getTrustedRoot())).message).toBe('plugin acme: ENOENT trusted_root.json');
  });
});

describe('wrapPluginTimestampSource', () => {
  it('passes RFC 3161 evidence through', async () => {
    const evidence = { kind: 'rfc3161' as const, signedTimestamp: new Uint8Array([0x30, 0]) };
    const source = wrapPluginTimestampSource(owner, { name: 't', timestamp: async () => evidence });
    await expect(source.timestamp({ signature: new Uint8Array(1) })).resolves.toBe(evidence);
  });

  it('refuses evidence of an unknown kind', async () => {
    const source = wrapPluginTimestampSource(owner, {
      name: 't',
      timestamp: async () => ({ kind: 'sundial' }) as never,
    });
    expect((await failure(source.timestamp({ signature: new Uint8Array(1) }))).message).toBe(
      'plugin acme: timestamp source "t" returned no timestamp evidence',
    );
  });
});

describe('wrapPlugin', () => {
  it('wraps every entry and keeps absent lists absent', () => {
    const plugin = wrapPlugin({ name: 'acme', oidcProviders: [{ name: 'p', getToken: async () => 't' }] });
    expect(Object.keys(plugin)).toEqual(['name', 'oidcProviders']);
    expect(plugin.oidcProviders![0]!.name).toBe('p');
  });
});

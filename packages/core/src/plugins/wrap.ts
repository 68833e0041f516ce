import { CoreError } from '../errors/keyless-error.js';
import type { OidcProvider } from './oidc-provider.js';
import type { KeylessPlugin } from './plugin.js';
import type { TimestampEvidence, TimestampSource } from './timestamp-source.js';
import type { TrustRootSource } from './trust-root-source.js';

/** Marks entries already wrapped, so that wrapping twice does not prefix messages twice. */
const WRAPPED = Symbol('keyless.pluginWrapped');

type Owner = Pick<KeylessPlugin, 'name'>;

// A plugin's own error message might quote a token it handled; keep tokens out of ours.
const JWT_LIKE = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const line = text.split(/\r?\n/, 1)[0]?.trim() || (err instanceof Error ? err.name : 'failed');
  return line.replace(JWT_LIKE, '[redacted token]');
}

/**
 * Turns whatever a plugin threw into `ERR_PLUGIN` naming the plugin; the original stays as
 * `cause`. A caller's abort passes through untouched, like everywhere else in Keyless.
 */
function asPluginError(owner: Owner, err: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted && err === signal.reason) return err;
  if (
    err instanceof CoreError &&
    err.code === 'ERR_PLUGIN' &&
    err.message.startsWith(`plugin ${owner.name}:`)
  ) {
    return err;
  }
  return new CoreError('ERR_PLUGIN', `plugin ${owner.name}: ${firstLine(err)}`, { cause: err });
}

function broken(owner: Owner, message: string): CoreError {
  return new CoreError('ERR_PLUGIN', `plugin ${owner.name}: ${message}`);
}

function isWrapped(value: object): boolean {
  return (value as { [WRAPPED]?: boolean })[WRAPPED] === true;
}

function mark<T extends object>(value: T): T {
  Object.defineProperty(value, WRAPPED, { value: true });
  return value;
}

/**
 * Wraps a plugin's OIDC provider so that a failure of `detect` or `getToken` is reported as
 * `CoreError` `ERR_PLUGIN` with the message `plugin <name>: <message>`, and a `getToken` that
 * resolves to anything but a non-empty string is refused the same way (the value is not shown).
 *
 * @example
 * ```ts
 * const provider = wrapPluginProvider({ name: 'acme' }, { name: 'acme', getToken: async () => '' });
 * await provider.getToken({ audience: 'sigstore' }); // CoreError ERR_PLUGIN 'plugin acme: OIDC provider "acme" returned no token'
 * ```
 */
export function wrapPluginProvider(owner: Owner, provider: OidcProvider): OidcProvider {
  if (isWrapped(provider)) return provider;
  const detect = provider.detect;
  const wrapped: OidcProvider = {
    name: provider.name,
    async getToken(options) {
      let token: unknown;
      try {
        token = await provider.getToken(options);
      } catch (err) {
        throw asPluginError(owner, err, options.signal);
      }
      if (typeof token !== 'string' || token.trim() === '') {
        throw broken(owner, `OIDC provider "${provider.name}" returned no token`);
      }
      return token.trim();
    },
    ...(detect && {
      async detect() {
        try {
          return Boolean(await detect.call(provider));
        } catch (err) {
          throw asPluginError(owner, err, undefined);
        }
      },
    }),
  };
  return mark(wrapped);
}

/**
 * Wraps a plugin's trust-root source: failures become `ERR_PLUGIN` naming the plugin, and a result
 * that is not a JSON object is refused.
 */
export function wrapPluginTrustRoot(owner: Owner, source: TrustRootSource): TrustRootSource {
  if (isWrapped(source)) return source;
  return mark({
    name: source.name,
    async getTrustedRoot(options) {
      let root: unknown;
      try {
        root = await source.getTrustedRoot(options);
      } catch (err) {
        throw asPluginError(owner, err, options?.signal);
      }
      if (typeof root !== 'object' || root === null || Array.isArray(root)) {
        throw broken(owner, `trust root source "${source.name}" returned no trusted root object`);
      }
      return root as Awaited<ReturnType<TrustRootSource['getTrustedRoot']>>;
    },
  });
}

function isEvidence(value: unknown): value is TimestampEvidence {
  if (typeof value !== 'object' || value === null) return false;
  const evidence = value as { kind?: unknown; signedTimestamp?: unknown; entry?: unknown };
  if (evidence.kind === 'rfc3161') return evidence.signedTimestamp instanceof Uint8Array;
  return (
    evidence.kind === 'transparency-log' && typeof evidence.entry === 'object' && evidence.entry !== null
  );
}

/**
 * Wraps a plugin's timestamp source: failures become `ERR_PLUGIN` naming the plugin, and a result
 * that is not `TimestampEvidence` is refused.
 */
export function wrapPluginTimestampSource(owner: Owner, source: TimestampSource): TimestampSource {
  if (isWrapped(source)) return source;
  return mark({
    name: source.name,
    async timestamp(request) {
      let evidence: unknown;
      try {
        evidence = await source.timestamp(request);
      } catch (err) {
        throw asPluginError(owner, err, request.signal);
      }
      if (!isEvidence(evidence)) {
        throw broken(owner, `timestamp source "${source.name}" returned no timestamp evidence`);
      }
      return evidence;
    },
  });
}

/**
 * A copy of `plugin` whose every entry is wrapped with {@link wrapPluginProvider},
 * {@link wrapPluginTrustRoot} or {@link wrapPluginTimestampSource}. `loadPlugin` returns plugins
 * already wrapped; call this for a plugin object built in code.
 */
export function wrapPlugin(plugin: KeylessPlugin): KeylessPlugin {
  return {
    name: plugin.name,
    ...(plugin.oidcProviders && {
      oidcProviders: plugin.oidcProviders.map((p) => wrapPluginProvider(plugin, p)),
    }),
    ...(plugin.trustRoots && { trustRoots: plugin.trustRoots.map((s) => wrapPluginTrustRoot(plugin, s)) }),
    ...(plugin.timestampSources && {
      timestampSources: plugin.timestampSources.map((s) => wrapPluginTimestampSource(plugin, s)),
    }),
  };
}

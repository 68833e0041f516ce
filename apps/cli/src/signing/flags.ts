import { resolve } from 'node:path';
import { flag, stringValue, stringValues } from '../args/parse.js';
import type { ParsedArgs } from '../args/spec.js';
import { usageError } from '../errors.js';
import type { TrustFlags } from '../verification/trust-source.js';

/** Who signs: the identity flags, checked. */
export interface IdentityFlags {
  /** `--identity-token`: a JWT, or a path (already resolved against the working directory). */
  identityToken?: string;
  oidcProvider?: string;
  oidcIssuer?: string;
  disableAmbient: boolean;
  /** `--plugin` specifiers, in order. */
  plugins: string[];
}

/** Where the services are and who signs: every signing flag, checked before any I/O. */
export interface SigningFlags {
  identity: IdentityFlags;
  staging: boolean;
  /** `--signing-config`, resolved. */
  signingConfig?: string;
  trust: TrustFlags;
  overrides: {
    fulcioUrl?: string;
    rekorUrl?: string;
    rekorVersion?: 1 | 2;
    timestampServerUrl?: string;
    oidcIssuer?: string;
  };
}

function url(args: ParsedArgs, name: string): string | undefined {
  const value = stringValue(args, name);
  if (value === undefined) return undefined;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw usageError(`--${name} must be an http(s) URL, got "${value}"`);
  }
  return value;
}

/** A JWT is used as is; anything else names a file, relative to the working directory. */
function tokenOrPath(value: string | undefined, cwd: string): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') throw usageError('--identity-token is empty');
  return /^eyJ[\w-]*\.[\w-]*\.[\w-]*$/.test(trimmed) ? trimmed : resolve(cwd, trimmed);
}

/** The identity flags of a command line. */
export function identityFlags(args: ParsedArgs, cwd: string): IdentityFlags {
  const identityToken = tokenOrPath(stringValue(args, 'identity-token'), cwd);
  const oidcProvider = stringValue(args, 'oidc-provider');
  const oidcIssuer = url(args, 'oidc-issuer');
  return {
    ...(identityToken !== undefined ? { identityToken } : {}),
    ...(oidcProvider !== undefined ? { oidcProvider } : {}),
    ...(oidcIssuer !== undefined ? { oidcIssuer } : {}),
    disableAmbient: flag(args, 'oidc-disable-ambient-providers'),
    plugins: stringValues(args, 'plugin'),
  };
}

/** The signing flags of a command line; usage errors are raised here, before anything is read. */
export function signingFlags(args: ParsedArgs, cwd: string): SigningFlags {
  const path = (name: string) => {
    const value = stringValue(args, name);
    return value === undefined ? undefined : resolve(cwd, value);
  };
  const staging = flag(args, 'staging');
  const signingConfig = path('signing-config');
  const tufRoot = path('tuf-root');
  if (tufRoot !== undefined && !staging)
    throw usageError('--tuf-root selects the staging TUF root; use it with --staging');
  const rekorVersion = stringValue(args, 'rekor-version');
  const rekorUrl = url(args, 'rekor-url');
  if (rekorVersion !== undefined && rekorUrl === undefined)
    throw usageError('--rekor-version needs --rekor-url');
  const identity = identityFlags(args, cwd);
  const overrides: SigningFlags['overrides'] = {};
  const fulcioUrl = url(args, 'fulcio-url');
  const timestampServerUrl = url(args, 'timestamp-server-url');
  if (fulcioUrl !== undefined) overrides.fulcioUrl = fulcioUrl;
  if (rekorUrl !== undefined) overrides.rekorUrl = rekorUrl;
  if (rekorVersion !== undefined) overrides.rekorVersion = rekorVersion === '2' ? 2 : 1;
  if (timestampServerUrl !== undefined) overrides.timestampServerUrl = timestampServerUrl;
  if (identity.oidcIssuer !== undefined) overrides.oidcIssuer = identity.oidcIssuer;
  const trustedRoot = path('trusted-root');
  return {
    identity,
    staging,
    ...(signingConfig !== undefined ? { signingConfig } : {}),
    trust: {
      staging,
      ...(trustedRoot !== undefined ? { trustedRoot } : {}),
      ...(tufRoot !== undefined ? { tufRoot } : {}),
    },
    overrides,
  };
}

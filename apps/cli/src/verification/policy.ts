import type { Matcher, VerificationPolicy } from '@keyless/verify';
import { usageError } from '../errors.js';
import { MAX_KEY_BYTES, readInputFile } from './read-input-file.js';

/** The policy flags as typed on the command line (all optional; {@link checkPolicyFlags} decides). */
export interface PolicyFlags {
  /** `--key`: path to a PEM public key, for key-signed bundles. */
  key?: string;
  identity?: string;
  identityRegexp?: string;
  issuer?: string;
  issuerRegexp?: string;
  /** `--certificate-extension name=value`, repeatable. */
  extensions?: readonly string[];
}

/** A policy that still names its key by path; {@link loadPolicy} reads the key. */
export type PolicyPlan =
  | { kind: 'key'; keyPath: string }
  | { kind: 'identity'; identity: Matcher; issuer: Matcher; extensions?: Record<string, Matcher> };

function regexp(flag: string, pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (err) {
    throw usageError(`--${flag} is not a valid regular expression: ${(err as Error).message}`);
  }
}

function oneOf(
  exact: string | undefined,
  pattern: string | undefined,
  exactFlag: string,
  patternFlag: string,
): Matcher {
  if (exact !== undefined && pattern !== undefined)
    throw usageError(`use either --${exactFlag} or --${patternFlag}, not both`);
  if (exact !== undefined) return exact;
  if (pattern !== undefined) return regexp(patternFlag, pattern);
  throw usageError(`missing --${exactFlag} (or --${patternFlag}); or verify a key-signed bundle with --key`);
}

function parseExtensions(pairs: readonly string[]): Record<string, Matcher> {
  const extensions: Record<string, Matcher> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usageError(`--certificate-extension wants name=value, got "${pair}"`);
    extensions[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return extensions;
}

/**
 * Checks the policy flags make sense together, before any file is read: `--key` alone, or one
 * identity flag and one issuer flag. Regular expressions are not anchored (as in cosign): write
 * `^...$` to match a whole value.
 */
export function checkPolicyFlags(flags: PolicyFlags): PolicyPlan {
  const identityFlags = [flags.identity, flags.identityRegexp, flags.issuer, flags.issuerRegexp];
  if (flags.key !== undefined) {
    if (identityFlags.some((f) => f !== undefined) || (flags.extensions?.length ?? 0) > 0) {
      throw usageError(
        '--key verifies a key-signed bundle; it cannot be combined with the --certificate-* flags',
      );
    }
    return { kind: 'key', keyPath: flags.key };
  }
  const identity = oneOf(
    flags.identity,
    flags.identityRegexp,
    'certificate-identity',
    'certificate-identity-regexp',
  );
  const issuer = oneOf(
    flags.issuer,
    flags.issuerRegexp,
    'certificate-oidc-issuer',
    'certificate-oidc-issuer-regexp',
  );
  const extensions = parseExtensions(flags.extensions ?? []);
  return Object.keys(extensions).length > 0
    ? { kind: 'identity', identity, issuer, extensions }
    : { kind: 'identity', identity, issuer };
}

/** The verification policy of a plan, reading the public key file if there is one. */
export function loadPolicy(plan: PolicyPlan): VerificationPolicy {
  if (plan.kind === 'key')
    return { publicKey: readInputFile(plan.keyPath, 'public key', MAX_KEY_BYTES).toString('utf8') };
  const { kind: _, ...policy } = plan;
  return policy;
}

import { resolve } from 'node:path';
import { flag, stringValue, stringValues } from '../args/parse.js';
import type { OptionTable, ParsedArgs } from '../args/spec.js';
import { checkPolicyFlags, type PolicyPlan } from './policy.js';
import type { TrustFlags } from './trust-source.js';

const POLICY = 'Signer policy:';
const TRUST = 'Trust root:';

/** The signer policy and trust root flags every verifying command takes. */
export const POLICY_AND_TRUST_OPTIONS: OptionTable = {
  'certificate-identity': {
    type: 'string',
    group: POLICY,
    describe: 'Expected signer identity: the certificate SAN (email or URI), exact match',
  },
  'certificate-identity-regexp': {
    type: 'string',
    group: POLICY,
    describe: 'Regular expression the identity must match (not anchored: use ^...$)',
  },
  'certificate-oidc-issuer': {
    type: 'string',
    group: POLICY,
    describe: 'Expected OIDC issuer of the certificate (exact match)',
  },
  'certificate-oidc-issuer-regexp': {
    type: 'string',
    group: POLICY,
    describe: 'Regular expression the OIDC issuer must match (not anchored)',
  },
  'certificate-extension': {
    type: 'string',
    multiple: true,
    group: POLICY,
    describe:
      'Required certificate extension as name=value, e.g. sourceRepositoryURI=https://github.com/o/r (repeatable)',
  },
  key: {
    type: 'string',
    group: POLICY,
    describe: 'PEM public key of a key-signed bundle or signature (instead of the identity flags)',
  },
  'trusted-root': {
    type: 'string',
    group: TRUST,
    describe: 'Use this trusted_root.json instead of the public-good one',
  },
  staging: {
    type: 'boolean',
    group: TRUST,
    describe: 'Trust the Sigstore staging instance (needs --tuf-root or --trusted-root)',
  },
  'tuf-root': {
    type: 'string',
    group: TRUST,
    describe: 'With --staging: the staging TUF root.json to start from',
  },
  offline: {
    type: 'boolean',
    group: TRUST,
    describe:
      'No network for the trust root: the cached or embedded public-good one (also KEYLESS_OFFLINE=1)',
  },
};

/** `--output text|json` of every verifying command. */
export const OUTPUT_OPTION: OptionTable[string] = {
  type: 'string',
  short: 'o',
  choices: ['text', 'json'],
  default: 'text',
  describe: 'Report format',
};

/** The policy plan and trust flags of a command line; usage errors are raised here. */
export function policyAndTrustFlags(
  args: ParsedArgs,
  cwd: string,
): { policy: PolicyPlan; trust: TrustFlags } {
  const path = (name: string) => {
    const value = stringValue(args, name);
    return value === undefined ? undefined : resolve(cwd, value);
  };
  const policy = checkPolicyFlags({
    key: path('key'),
    identity: stringValue(args, 'certificate-identity'),
    identityRegexp: stringValue(args, 'certificate-identity-regexp'),
    issuer: stringValue(args, 'certificate-oidc-issuer'),
    issuerRegexp: stringValue(args, 'certificate-oidc-issuer-regexp'),
    extensions: stringValues(args, 'certificate-extension'),
  });
  return {
    policy,
    trust: {
      trustedRoot: path('trusted-root'),
      staging: flag(args, 'staging'),
      tufRoot: path('tuf-root'),
      offline: flag(args, 'offline'),
    },
  };
}

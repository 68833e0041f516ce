import type { OptionTable } from '../args/spec.js';

const SERVICES = 'Signing services:';
const IDENTITY = 'Identity:';

/** The flags every signing command takes: where the services are, who signs, which plugins. */
export const SIGNING_OPTIONS: OptionTable = {
  staging: {
    type: 'boolean',
    group: SERVICES,
    describe: 'Sign with the Sigstore staging instance (its trust root needs --tuf-root or --trusted-root)',
  },
  'signing-config': {
    type: 'string',
    group: SERVICES,
    describe: "A signing_config.json (v0.2) naming the CA, logs, TSAs and issuer, e.g. a dev stack's",
  },
  'trusted-root': {
    type: 'string',
    group: SERVICES,
    describe: 'The trusted_root.json the result is verified against (default: public-good via TUF)',
  },
  'tuf-root': {
    type: 'string',
    group: SERVICES,
    describe: 'With --staging: the staging TUF root.json to start from',
  },
  'fulcio-url': {
    type: 'string',
    group: SERVICES,
    describe: "The CA (Fulcio API v2) instead of the signing config's",
  },
  'rekor-url': {
    type: 'string',
    group: SERVICES,
    describe: "The transparency log instead of the signing config's",
  },
  'rekor-version': {
    type: 'string',
    group: SERVICES,
    choices: ['1', '2'],
    describe: 'The API --rekor-url speaks (default 1; 2 needs a TSA)',
  },
  'timestamp-server-url': {
    type: 'string',
    group: SERVICES,
    describe: "The RFC 3161 endpoint instead of the signing config's TSAs",
  },
  'oidc-issuer': {
    type: 'string',
    group: IDENTITY,
    describe: "The OIDC issuer to sign in with (default: the signing config's)",
  },
  'identity-token': {
    type: 'string',
    group: IDENTITY,
    describe: 'An OIDC identity token, or the path of a file holding one (never printed)',
  },
  'oidc-provider': {
    type: 'string',
    group: IDENTITY,
    describe: 'Get the token from this provider (built-in, or from a --plugin) instead of choosing one',
  },
  'oidc-disable-ambient-providers': {
    type: 'boolean',
    group: IDENTITY,
    describe: 'Do not look for CI or cloud credentials; sign in interactively unless a token is given',
  },
  plugin: {
    type: 'string',
    multiple: true,
    describe:
      'Load a plugin (a .mjs/.js file or an npm package) and use its OIDC providers, trust roots and TSAs (repeatable)',
  },
};

/** The identity flags alone, for `keyless token`. */
export const IDENTITY_OPTIONS: OptionTable = {
  'oidc-issuer': SIGNING_OPTIONS['oidc-issuer']!,
  'identity-token': SIGNING_OPTIONS['identity-token']!,
  'oidc-provider': SIGNING_OPTIONS['oidc-provider']!,
  'oidc-disable-ambient-providers': SIGNING_OPTIONS['oidc-disable-ambient-providers']!,
  plugin: SIGNING_OPTIONS.plugin!,
};

/** Exit codes of the signing commands, for their help. */
export const SIGNING_EXIT_CODES_HELP = [
  'Exit codes:',
  '  0   signed; the bundle was written',
  '  2   usage error (unknown or missing flags, an unknown --oidc-provider)',
  '  3   input error (file missing or unreadable, bad --signing-config or --plugin, bundle not writable)',
  '  4   trust root unavailable (TUF repository unreachable, bad --trusted-root)',
  '  5   signing failed: the identity provider, CA, transparency log or TSA failed (the message names it); nothing was written',
  '  70  internal error',
].join('\n');

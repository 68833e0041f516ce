import { describe, expect, it } from 'vitest';
import { CliError } from '../src/errors.js';
import { checkPolicyFlags } from '../src/verification/policy.js';

const issuer = 'https://accounts.google.com';

describe('checkPolicyFlags', () => {
  it('builds an exact identity policy', () => {
    expect(checkPolicyFlags({ identity: 'me@example.com', issuer })).toEqual({
      kind: 'identity',
      identity: 'me@example.com',
      issuer,
    });
  });

  it('compiles the regexp flags, unanchored', () => {
    const plan = checkPolicyFlags({ identityRegexp: '@example\\.com$', issuerRegexp: 'google' });
    expect(plan).toEqual({ kind: 'identity', identity: /@example\.com$/, issuer: /google/ });
  });

  it('maps --certificate-extension name=value into extensions, keeping = in the value', () => {
    const plan = checkPolicyFlags({
      identity: 'i',
      issuer,
      extensions: ['sourceRepositoryRef=refs/heads/main', 'x=a=b'],
    });
    expect(plan).toMatchObject({ extensions: { sourceRepositoryRef: 'refs/heads/main', x: 'a=b' } });
  });

  it('takes --key alone as a key policy', () => {
    expect(checkPolicyFlags({ key: '/k.pub' })).toEqual({ kind: 'key', keyPath: '/k.pub' });
  });

  it.each([
    ['no identity', { issuer }, 'missing --certificate-identity'],
    ['no issuer', { identity: 'i' }, 'missing --certificate-oidc-issuer'],
    [
      'identity and its regexp',
      { identity: 'i', identityRegexp: 'i', issuer },
      'use either --certificate-identity or',
    ],
    [
      'issuer and its regexp',
      { identity: 'i', issuer, issuerRegexp: 'x' },
      'use either --certificate-oidc-issuer or',
    ],
    ['--key with identity flags', { key: '/k', identity: 'i', issuer }, '--key verifies a key-signed bundle'],
    [
      'a bad regexp',
      { identityRegexp: '(', issuer },
      '--certificate-identity-regexp is not a valid regular expression',
    ],
    ['an extension without =', { identity: 'i', issuer, extensions: ['nope'] }, 'wants name=value'],
  ])('rejects %s as a usage error', (_what, flags, message) => {
    expect(() => checkPolicyFlags(flags)).toThrow(
      expect.objectContaining({ code: 'ERR_USAGE', message: expect.stringContaining(message) }),
    );
    expect(() => checkPolicyFlags(flags)).toThrow(CliError);
  });
});

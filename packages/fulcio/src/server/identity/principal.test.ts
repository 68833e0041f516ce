import { describe, expect, it } from 'vitest';
import { FulcioError } from '../../errors.js';
import type { TrustedIssuer } from '../oidc/issuer-keys.js';
import { principalFromToken } from './principal.js';

const ISSUER = 'https://issuer.keyless.test';
const issuer = (type: TrustedIssuer['type']): TrustedIssuer => ({ issuerUrl: ISSUER, type });

function refusal(run: () => unknown): FulcioError {
  try {
    run();
  } catch (error) {
    if (error instanceof FulcioError) return error;
    throw error;
  }
  throw new Error('expected a FulcioError');
}

describe('principalFromToken', () => {
  it('makes an email identity from a verified email, proved over the email (or sub)', () => {
    const principal = principalFromToken(
      { sub: 's', email: 'a@b.test', email_verified: true },
      issuer('email'),
    );
    expect(principal).toEqual({
      challenges: ['a@b.test', 's'],
      subjectAlternativeName: { type: 'email', value: 'a@b.test' },
      extensions: { issuer: ISSUER, issuerV2: ISSUER },
    });
  });

  it('does not take the string "true" as a verified email', () => {
    const error = refusal(() =>
      principalFromToken({ sub: 's', email: 'a@b.test', email_verified: 'true' }, issuer('email')),
    );
    expect(error.code).toBe('ERR_FULCIO_UNAUTHENTICATED');
  });

  it('makes a URI identity from sub, proved over sub', () => {
    const principal = principalFromToken({ sub: 'https://svc.keyless.test/build/7' }, issuer('uri'));
    expect(principal.challenges).toEqual(['https://svc.keyless.test/build/7']);
    expect(principal.subjectAlternativeName).toEqual({
      type: 'url',
      value: 'https://svc.keyless.test/build/7',
    });
  });

  it('refuses a URI identity whose sub is not an absolute URI', () => {
    expect(refusal(() => principalFromToken({ sub: 'user-1' }, issuer('uri'))).message).toMatch(
      /absolute URI/,
    );
  });

  it('fills CI extensions from numeric claims as text and ignores objects', () => {
    const principal = principalFromToken(
      {
        sub: 'repo:o/r:ref:refs/heads/main',
        job_workflow_ref: 'o/r/.github/workflows/w.yml@refs/heads/main',
        repository: 'o/r',
        repository_id: 99,
        run_id: { nested: true },
        run_attempt: '1',
      },
      issuer('ci'),
    );
    expect(principal.extensions.sourceRepositoryIdentifier).toBe('99');
    expect(principal.extensions.runInvocationURI).toBeUndefined();
    expect(principal.extensions.tokenSubject).toBe('repo:o/r:ref:refs/heads/main');
    expect(principal.challenges).toEqual(['repo:o/r:ref:refs/heads/main']);
  });
});

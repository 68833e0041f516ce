import { describe, expect, it } from 'vitest';
import { githubActionsClaims } from './ci-claims.js';

describe('githubActionsClaims', () => {
  it('describes a push to main of the default repository', () => {
    expect(githubActionsClaims()).toMatchObject({
      sub: 'repo:keyless-dev/example:ref:refs/heads/main',
      repository: 'keyless-dev/example',
      repository_owner: 'keyless-dev',
      workflow_ref: 'keyless-dev/example/.github/workflows/release.yml@refs/heads/main',
      event_name: 'push',
      ref_type: 'branch',
    });
  });

  it('gives a repository the same numeric ids every time', () => {
    const a = githubActionsClaims({ repository: 'acme/app' });
    const b = githubActionsClaims({ repository: 'acme/app' });
    expect([a.repository_id, a.repository_owner_id]).toEqual([b.repository_id, b.repository_owner_id]);
  });

  it('makes every claim a string, as GitHub does', () => {
    expect(Object.values(githubActionsClaims()).every((v) => typeof v === 'string')).toBe(true);
  });

  it.each([
    [{ repository: 'no-slash' }, /OWNER\/REPO/],
    [{ ref: 'main' }, /refs\//],
    [{ sha: 'abc' }, /40/],
    [{ workflowFile: '../x.yml' }, /\.yml/],
  ])('refuses %o', (options, message) => {
    expect(() => githubActionsClaims(options)).toThrow(message);
  });
});

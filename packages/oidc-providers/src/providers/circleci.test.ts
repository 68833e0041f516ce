import { readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { oidcFailure } from '../../test/helpers/errors.js';
import { fakeCommand } from '../../test/helpers/fake-command.js';
import { fakeJwt } from '../../test/helpers/tokens.js';
import { circleciProvider } from './circleci.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A `circleci` on PATH that prints a token for the audience in --claims, like the real CLI. */
function circleciOnPath(body: string) {
  const fake = fakeCommand('circleci', body);
  dirs.push(fake.dir);
  return { env: { CIRCLECI: 'true', PATH: `${fake.dir}:${process.env.PATH}` }, argsFile: fake.argsFile };
}

const MINT = `
const claims = JSON.parse(args[args.indexOf('--claims') + 1]);
const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
process.stdout.write(b64({ alg: 'RS256' }) + '.' + b64({ iss: 'https://oidc.circleci.com/org/x', aud: claims.aud, exp: Math.floor(Date.now() / 1000) + 600 }) + '.c2ln\\n');
`;

describe('circleciProvider', () => {
  it('is detected in a CircleCI job', async () => {
    expect(await circleciProvider({ env: { CIRCLECI: 'true' } }).detect?.()).toBe(true);
    expect(await circleciProvider({ env: {} }).detect?.()).toBe(false);
  });

  it('runs circleci run oidc get with the audience claim', async () => {
    const { env, argsFile } = circleciOnPath(MINT);
    const token = await circleciProvider({ env }).getToken({ audience: 'sigstore' });
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).aud).toBe('sigstore');
    expect(JSON.parse(readFileSync(argsFile, 'utf8'))).toEqual([
      'run',
      'oidc',
      'get',
      '--claims',
      '{"aud":"sigstore"}',
    ]);
  });

  it('reports a failing command with its stderr, tokens redacted', async () => {
    const leaked = fakeJwt();
    const { env } = circleciOnPath(
      `process.stderr.write('Error: not in a job ${leaked}\\n'); process.exit(3);`,
    );
    const err = await oidcFailure(circleciProvider({ env }).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_PROVIDER_FAILED');
    expect(err.message).toBe(
      'circleci: circleci run oidc get exited with status 3: Error: not in a job [redacted token]',
    );
  });

  it('says when circleci is not installed', async () => {
    const err = await oidcFailure(
      circleciProvider({ env: { CIRCLECI: 'true', PATH: '/nonexistent' } }).getToken({
        audience: 'sigstore',
      }),
    );
    expect(err.code).toBe('ERR_PROVIDER_UNAVAILABLE');
    expect(err.message).toBe('circleci: the command circleci is not on PATH');
  });

  it('kills a command that hangs', async () => {
    const { env } = circleciOnPath('setTimeout(() => {}, 60_000);');
    const err = await oidcFailure(
      circleciProvider({ env, timeoutMs: 300 }).getToken({ audience: 'sigstore' }),
    );
    expect(err.code).toBe('ERR_PROVIDER_FAILED');
    expect(err.message).toBe('circleci: circleci run oidc get timed out after 300 ms');
  });

  it('refuses output that is not a JWT', async () => {
    const { env } = circleciOnPath('console.log("ok");');
    const err = await oidcFailure(circleciProvider({ env }).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_TOKEN_INVALID');
  });
});

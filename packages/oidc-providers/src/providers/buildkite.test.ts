import { readFileSync, rmSync } from 'node:fs';
import { mswServer } from '@keyless/testkit';
import { HttpResponse, http } from 'msw';
import { afterAll, describe, expect, it } from 'vitest';
import { oidcFailure } from '../../test/helpers/errors.js';
import { fakeCommand } from '../../test/helpers/fake-command.js';
import { fakeJwt } from '../../test/helpers/tokens.js';
import { buildkiteProvider } from './buildkite.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const JOB = '018485f6-1f53-4f18-9b53-72428db4d239';
const SESSION = 'agent-session-token';
const env = { BUILDKITE: 'true', BUILDKITE_JOB_ID: JOB, BUILDKITE_AGENT_ACCESS_TOKEN: SESSION };

describe('buildkiteProvider', () => {
  it('is detected in a Buildkite job', async () => {
    expect(await buildkiteProvider({ env: { BUILDKITE: 'true' } }).detect?.()).toBe(true);
    expect(await buildkiteProvider({ env: {} }).detect?.()).toBe(false);
  });

  it('asks the Agent API for a token for the job and audience', async () => {
    let seen: { authorization: string | null; body: unknown } | undefined;
    mswServer.use(
      http.post(`https://agent.buildkite.com/v3/jobs/${JOB}/oidc/tokens`, async ({ request }) => {
        seen = { authorization: request.headers.get('authorization'), body: await request.json() };
        return HttpResponse.json({ token: fakeJwt({ iss: 'https://agent.buildkite.com', aud: 'sigstore' }) });
      }),
    );
    const token = await buildkiteProvider({ env }).getToken({ audience: 'sigstore' });
    expect(token.split('.')).toHaveLength(3);
    expect(seen).toEqual({ authorization: `Token ${SESSION}`, body: { audience: 'sigstore' } });
  });

  it('uses BUILDKITE_AGENT_ENDPOINT when set', async () => {
    mswServer.use(
      http.post(`https://agent.internal.example/v3/jobs/${JOB}/oidc/tokens`, () =>
        HttpResponse.json({ token: fakeJwt() }),
      ),
    );
    const custom = { ...env, BUILDKITE_AGENT_ENDPOINT: 'https://agent.internal.example/v3/' };
    await expect(buildkiteProvider({ env: custom }).getToken({ audience: 'sigstore' })).resolves.toContain(
      '.',
    );
  });

  it('reports what the Agent API said on a refusal', async () => {
    mswServer.use(
      http.post(`https://agent.buildkite.com/v3/jobs/${JOB}/oidc/tokens`, () =>
        HttpResponse.json({ message: 'Job is not running' }, { status: 422 }),
      ),
    );
    const err = await oidcFailure(buildkiteProvider({ env }).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_PROVIDER_FAILED');
    expect(err.message).toBe(
      `buildkite: Buildkite Agent API: POST https://agent.buildkite.com/v3/jobs/${JOB}/oidc/tokens returned HTTP 422 Unprocessable Entity: Job is not running`,
    );
  });

  it('falls back to buildkite-agent oidc request-token without a session token', async () => {
    const fake = fakeCommand(
      'buildkite-agent',
      `const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
process.stdout.write(b64({ alg: 'RS256' }) + '.' + b64({ aud: args[args.indexOf('--audience') + 1] }) + '.c2ln');`,
    );
    dirs.push(fake.dir);
    const token = await buildkiteProvider({ env: { BUILDKITE: 'true', PATH: fake.dir } }).getToken({
      audience: 'sigstore',
    });
    expect(token.split('.')).toHaveLength(3);
    expect(JSON.parse(readFileSync(fake.argsFile, 'utf8'))).toEqual([
      'oidc',
      'request-token',
      '--audience',
      'sigstore',
    ]);
  });
});

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keylessProgram } from '../src/program/keyless.js';
import { runCli } from './run-cli.js';
import { EMAIL, type SigningStack, startSigningStack, writeAcmePlugin } from './signing-stack.js';

let s: SigningStack;
let artifact: string;
beforeAll(async () => {
  s = await startSigningStack();
  artifact = join(s.scratch, 'artifact.txt');
  writeFileSync(artifact, 'an artifact signed by keyless sign-blob\n');
});
afterAll(() => s.close());

const keyless = (...argv: string[]) => runCli(keylessProgram, argv, { env: {}, cwd: s.scratch });

/** The flags that point signing at the dev stack. */
function stackFlags(signingConfig = s.stack.signingConfigPath): string[] {
  return ['--signing-config', signingConfig, '--trusted-root', s.stack.trustedRootPath];
}

const out = (name: string) => join(s.scratch, name);

async function verifyBlob(file: string, bundle: string) {
  return keyless(
    'verify-blob',
    file,
    '--bundle',
    bundle,
    '--trusted-root',
    s.stack.trustedRootPath,
    '--certificate-identity',
    EMAIL,
    '--certificate-oidc-issuer',
    s.stack.issuers.email,
  );
}

describe('keyless sign-blob against the dev stack', () => {
  it.each([1, 2] as const)(
    'writes a bundle that keyless verify-blob accepts (Rekor v%s)',
    async (version) => {
      const bundle = out(`artifact.v${version}.sigstore.json`);
      const run = await keyless(
        'sign-blob',
        'artifact.txt',
        '--bundle',
        bundle,
        ...stackFlags(s.signingConfigWithLog(version)),
        '--identity-token',
        await s.token(),
      );
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      const kind = JSON.parse(readFileSync(bundle, 'utf8')).verificationMaterial.tlogEntries[0].kindVersion;
      expect(kind).toEqual({ kind: 'hashedrekord', version: `0.0.${version}` });
      expect((await verifyBlob(artifact, bundle)).code).toBe(0);
    },
  );

  it('prints what was signed, by whom, and where the bundle is, never the token', async () => {
    const token = await s.token();
    const run = await keyless(
      'sign-blob',
      'artifact.txt',
      '--bundle',
      out('p.json'),
      ...stackFlags(),
      '--identity-token',
      token,
    );
    expect(run.stdout).toMatch(
      new RegExp(
        `^Signed artifact\\.txt\\nBundle: +${out('p.json').replaceAll('.', '\\.')}\\nIdentity: +${EMAIL.replaceAll('.', '\\.')}\\n` +
          'Issuer: +http://127\\.0\\.0\\.1:\\d+/oidc\\nLog entry: index \\d+ \\(hashedrekord 0\\.0\\.2\\)\\n' +
          'Time: .*RFC 3161 timestamp.*\\n$',
      ),
    );
    expect(run.stdout + run.stderr).not.toContain(token.slice(20, 60));
  });

  it('reads the token from a file given to --identity-token', async () => {
    writeFileSync(out('token.jwt'), await s.token());
    const run = await keyless(
      'sign-blob',
      'artifact.txt',
      '--bundle',
      out('f.json'),
      ...stackFlags(),
      '--identity-token',
      'token.jwt',
    );
    expect(run.code).toBe(0);
  });

  it('takes the token from SIGSTORE_ID_TOKEN', async () => {
    const run = await runCli(
      keylessProgram,
      ['sign-blob', 'artifact.txt', '--bundle', out('env.json'), ...stackFlags()],
      { env: { SIGSTORE_ID_TOKEN: await s.token() }, cwd: s.scratch },
    );
    expect(run.code).toBe(0);
  });

  it('signs with a token from the acme plugin (--plugin ./acme.mjs --oidc-provider acme)', async () => {
    writeAcmePlugin(s.scratch, s.stack);
    const bundle = out('acme.sigstore.json');
    const run = await keyless(
      'sign-blob',
      'artifact.txt',
      '--bundle',
      bundle,
      ...stackFlags(),
      '--plugin',
      './acme.mjs',
      '--oidc-provider',
      'acme',
    );
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect((await verifyBlob(artifact, bundle)).code).toBe(0);
  });
});

describe('keyless attest-blob against the dev stack', () => {
  it.each([1, 2] as const)(
    'writes an in-toto bundle that verify-blob accepts for the file (Rekor v%s)',
    async (version) => {
      writeFileSync(out('predicate.json'), JSON.stringify({ buildType: 'https://keyless.test/build/v1' }));
      const bundle = out(`artifact.v${version}.intoto.json`);
      const run = await keyless(
        'attest-blob',
        'artifact.txt',
        '--predicate',
        'predicate.json',
        '--type',
        'slsaprovenance1',
        '--bundle',
        bundle,
        ...stackFlags(s.signingConfigWithLog(version)),
        '--identity-token',
        await s.token(),
      );
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      const json = JSON.parse(readFileSync(bundle, 'utf8'));
      const statement = JSON.parse(Buffer.from(json.dsseEnvelope.payload, 'base64').toString('utf8'));
      expect([statement.predicateType, statement.subject[0].name]).toEqual([
        'https://slsa.dev/provenance/v1',
        'artifact.txt',
      ]);
      expect((await verifyBlob(artifact, bundle)).code).toBe(0);
    },
  );

  it('refuses a predicate that is not a JSON object, before signing (exit 3)', async () => {
    writeFileSync(out('list.json'), '[1, 2]');
    const run = await keyless(
      'attest-blob',
      'artifact.txt',
      '--predicate',
      'list.json',
      '--type',
      'custom',
      '--bundle',
      out('x.json'),
      ...stackFlags(),
      '--identity-token',
      await s.token(),
    );
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 3,
      stderr: `keyless: predicate ${out('list.json')} must hold a JSON object\n`,
    });
  });

  it('refuses a --type that is neither a URI nor a known name (exit 2)', async () => {
    const run = await keyless(
      'attest-blob',
      'artifact.txt',
      '--predicate',
      'p.json',
      '--type',
      'provenance',
      '--bundle',
      out('x.json'),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^keyless: --type must be a URI or one of [a-z0-9, ]*slsaprovenance1/);
  });
});

describe('keyless sign-blob failures: nothing written, one line naming the service', () => {
  function expectNoBundle(name: string) {
    expect(existsSync(out(name))).toBe(false);
    expect(readdirSync(s.scratch).filter((f) => f.includes(name) && f.endsWith('.tmp'))).toEqual([]);
  }

  it('a token the CA refuses: exit 5, the CA and its answer named, no bundle', async () => {
    const token = await s.token();
    const bad = `${token.slice(0, -6)}AAAAAA`;
    const run = await keyless(
      'sign-blob',
      'artifact.txt',
      '--bundle',
      out('bad.json'),
      ...stackFlags(),
      '--identity-token',
      bad,
    );
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(
      /^keyless: Fulcio: POST http:\/\/127\.0\.0\.1:\d+\/fulcio\/api\/v2\/signingCert returned HTTP 401 .* \(ERR_CERTIFICATE_AUTHORITY\)\n$/,
    );
    expect(run.stderr).not.toContain(bad.slice(10, 50));
    expectNoBundle('bad.json');
  });

  it('a token that is not a JWT: exit 5 naming the provider, the value not repeated', async () => {
    writeFileSync(out('garbage.txt'), 'not-a-token-s3cr3t');
    const run = await keyless(
      'sign-blob',
      'artifact.txt',
      '--bundle',
      out('g.json'),
      ...stackFlags(),
      '--identity-token',
      'garbage.txt',
    );
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/^keyless: OIDC provider static: .*\(ERR_IDENTITY_TOKEN\)\n$/);
    expect(run.stderr).not.toContain('s3cr3t');
    expectNoBundle('g.json');
  });

  it('an unreachable CA: exit 5 naming its URL, no bundle', async () => {
    const run = await keyless(
      'sign-blob',
      'artifact.txt',
      '--bundle',
      out('ca.json'),
      ...stackFlags(),
      '--fulcio-url',
      'http://127.0.0.1:1/fulcio',
      '--identity-token',
      await s.token(),
    );
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(
      /^keyless: Fulcio: POST http:\/\/127\.0\.0\.1:1\/fulcio\/api\/v2\/signingCert .*\(ERR_CERTIFICATE_AUTHORITY\)\n$/,
    );
    expectNoBundle('ca.json');
  });

  it('an unreachable log: exit 5 naming its URL, no bundle', async () => {
    const run = await keyless(
      'sign-blob',
      'artifact.txt',
      '--bundle',
      out('log.json'),
      ...stackFlags(),
      '--rekor-url',
      'http://127.0.0.1:1/rekor',
      '--identity-token',
      await s.token(),
    );
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/^keyless: .*http:\/\/127\.0\.0\.1:1\/rekor.*\(ERR_TRANSPARENCY_LOG\)\n$/);
    expectNoBundle('log.json');
  });

  it('a Rekor v2 log without a TSA: exit 3 before any token is asked for', async () => {
    const config = { ...s.stack.signingConfig, tsaUrls: [] };
    config.rekorTlogUrls = config.rekorTlogUrls.filter((service) => service.majorApiVersion === 2);
    writeFileSync(out('v2-no-tsa.json'), JSON.stringify(config));
    const run = await keyless(
      'sign-blob',
      'artifact.txt',
      '--bundle',
      out('v2.json'),
      ...stackFlags(out('v2-no-tsa.json')),
      '--identity-token',
      'never-read.jwt',
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      /^keyless: Rekor v2 at http:\/\/127\.0\.0\.1:\d+\/rekor-v2 records no integrated time, so a timestamp authority is required/,
    );
    expectNoBundle('v2.json');
  });

  it('an unreachable TSA: exit 5 naming it, no bundle', async () => {
    const run = await keyless(
      'sign-blob',
      'artifact.txt',
      '--bundle',
      out('tsa.json'),
      ...stackFlags(),
      '--timestamp-server-url',
      'http://127.0.0.1:1/tsa/api/v1/timestamp',
      '--identity-token',
      await s.token(),
    );
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(
      /^keyless: .*http:\/\/127\.0\.0\.1:1\/tsa\/api\/v1\/timestamp.*\(ERR_TIMESTAMP_AUTHORITY\)\n$/,
    );
    expectNoBundle('tsa.json');
  });

  it('a missing artifact: exit 3, no network, no bundle', async () => {
    const run = await keyless(
      'sign-blob',
      'missing.txt',
      '--bundle',
      out('m.json'),
      ...stackFlags(),
      '--identity-token',
      'x.jwt',
    );
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 3,
      stderr: `keyless: artifact ${out('missing.txt')} does not exist\n`,
    });
  });

  it('a bundle path in a folder that does not exist: exit 3 before signing', async () => {
    const run = await keyless(
      'sign-blob',
      'artifact.txt',
      '--bundle',
      'nowhere/b.json',
      ...stackFlags(),
      '--identity-token',
      'x.jwt',
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/the folder .*nowhere does not exist/);
  });

  it('a missing --bundle: usage error (exit 2)', async () => {
    const run = await keyless('sign-blob', 'artifact.txt');
    expect(run).toMatchObject({
      code: 2,
      stderr: 'keyless: missing required option --bundle (see "keyless sign-blob --help")\n',
    });
  });

  it.each([
    [['--tuf-root', 'root.json'], '--tuf-root selects the staging TUF root; use it with --staging'],
    [['--rekor-version', '2'], '--rekor-version needs --rekor-url'],
    [['--fulcio-url', 'fulcio.example'], '--fulcio-url must be an http(s) URL, got "fulcio.example"'],
  ])('refuses %j as a usage error', async (flags, message) => {
    const run = await keyless('sign-blob', 'artifact.txt', '--bundle', out('u.json'), ...flags);
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 2,
      stderr: `keyless: ${message} (see "keyless sign-blob --help")\n`,
    });
  });

  it('an unknown --oidc-provider: usage error listing the known ones', async () => {
    const run = await keyless(
      'sign-blob',
      'artifact.txt',
      '--bundle',
      out('u.json'),
      ...stackFlags(),
      '--oidc-provider',
      'nope',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^keyless: --oidc-provider: unknown OIDC provider "nope"; known: static, /);
  });

  it('a --plugin that does not exist: input error (exit 3)', async () => {
    const run = await keyless(
      'sign-blob',
      'artifact.txt',
      '--bundle',
      out('u.json'),
      ...stackFlags(),
      '--plugin',
      './nope.mjs',
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^keyless: plugin \.\/nope\.mjs: no such file /);
  });
});

describe('keyless token', () => {
  it('prints the provider and the claims, not the token', async () => {
    const token = await s.token();
    const run = await keyless('token', '--identity-token', token);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed.provider).toBe('static');
    expect(printed.claims).toMatchObject({ email: EMAIL, iss: s.stack.issuers.email, aud: 'sigstore' });
    expect(run.stdout).not.toContain(token.split('.')[2]!);
  });

  it('prints the token itself with --raw', async () => {
    const token = await s.token();
    const run = await keyless('token', '--identity-token', token, '--raw');
    expect(run.stdout).toBe(`${token}\n`);
  });

  it("shows the acme plugin's identity", async () => {
    writeAcmePlugin(s.scratch, s.stack, 'acme@keyless.test', 'acme-token.mjs');
    const run = await keyless('token', '--plugin', './acme-token.mjs', '--oidc-provider', 'acme');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      provider: 'acme',
      claims: { email: 'acme@keyless.test' },
    });
  });

  it('a provider that fails: exit 5 naming it', async () => {
    const run = await keyless('token', '--identity-token', 'missing-token-file.jwt');
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/^keyless: OIDC provider static: .*\(ERR_IDENTITY_TOKEN\)\n$/);
  });
});

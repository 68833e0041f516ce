import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceProgram } from '../src/conformance/program.js';
import { runCli } from './run-cli.js';
import { EMAIL, type SigningStack, startSigningStack } from './signing-stack.js';

let s: SigningStack;
beforeAll(async () => {
  s = await startSigningStack();
  writeFileSync(join(s.scratch, 'a.txt'), 'signed through the conformance protocol\n');
});
afterAll(() => s.close());

const conformance = (...argv: string[]) => runCli(conformanceProgram, argv, { env: {}, cwd: s.scratch });

/** `sign-bundle` as the suite calls it, in the protocol's argument order. */
async function signBundle(options: { inToto?: boolean; file: string; bundle: string; token?: string }) {
  return conformance(
    'sign-bundle',
    ...(options.inToto ? ['--in-toto'] : []),
    '--identity-token',
    options.token ?? (await s.token()),
    '--bundle',
    options.bundle,
    '--trusted-root',
    s.stack.trustedRootPath,
    '--signing-config',
    s.stack.signingConfigPath,
    options.file,
  );
}

function verifyBundle(bundle: string, fileOrDigest: string) {
  return conformance(
    'verify-bundle',
    '--bundle',
    bundle,
    '--certificate-identity',
    EMAIL,
    '--certificate-oidc-issuer',
    s.stack.issuers.email,
    '--trusted-root',
    s.stack.trustedRootPath,
    fileOrDigest,
  );
}

describe('keyless-conformance sign-bundle', () => {
  it('signs FILE into a bundle that verify-bundle accepts', async () => {
    const run = await signBundle({ file: 'a.txt', bundle: 'a.sigstore.json' });
    expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect((await verifyBundle('a.sigstore.json', 'a.txt')).code).toBe(0);
  });

  it('with --in-toto, signs the statement in a DSSE envelope that verifies for its subject', async () => {
    const digest = Buffer.alloc(32, 7).toString('hex');
    const statement = {
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'thing', digest: { sha256: digest } }],
      predicateType: 'https://keyless.test/p/v1',
      predicate: {},
    };
    writeFileSync(join(s.scratch, 'statement.json'), JSON.stringify(statement));
    const run = await signBundle({ inToto: true, file: 'statement.json', bundle: 'st.sigstore.json' });
    expect(run.code).toBe(0);
    const bundle = JSON.parse(readFileSync(join(s.scratch, 'st.sigstore.json'), 'utf8'));
    expect(bundle.dsseEnvelope.payloadType).toBe('application/vnd.in-toto+json');
    expect((await verifyBundle('st.sigstore.json', `sha256:${digest}`)).code).toBe(0);
  });

  it('with a refused token, exits 5 and writes nothing', async () => {
    const token = await s.token();
    const run = await signBundle({
      file: 'a.txt',
      bundle: 'refused.json',
      token: `${token.slice(0, -6)}AAAAAA`,
    });
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/^keyless-conformance: Fulcio: .*HTTP 401/);
    expect(existsSync(join(s.scratch, 'refused.json'))).toBe(false);
  });
});

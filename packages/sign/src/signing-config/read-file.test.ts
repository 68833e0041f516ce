import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realdataPath } from '@keyless/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { SigningError } from '../errors.js';
import { readSigningConfigFile } from './read-file.js';

const scratch = mkdtempSync(join(tmpdir(), 'keyless-signing-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function refusal(path: string): Promise<SigningError> {
  const error = await readSigningConfigFile(path).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SigningError);
  expect((error as SigningError).code).toBe('ERR_SIGNING_CONFIG');
  return error as SigningError;
}

describe('readSigningConfigFile', () => {
  it('reads a v0.2 signing config', async () => {
    const config = await readSigningConfigFile(realdataPath('trust/staging/signing_config.v0.2.json'));
    expect(config.caUrls[0]?.url).toBe('https://fulcio.sigstage.dev');
  });

  it('names a missing file', async () => {
    const path = join(scratch, 'nope.json');
    expect((await refusal(path)).message).toBe(`signing config ${path} does not exist`);
  });

  it('names a file that is not JSON', async () => {
    const path = join(scratch, 'bad.json');
    writeFileSync(path, '{');
    expect((await refusal(path)).message).toMatch(/^signing config .*bad\.json is invalid: /);
  });

  it('refuses the v0.1 layout', async () => {
    const error = await refusal(realdataPath('trust/production/signing_config.v0.1.json'));
    expect(error.message).toContain('unsupported signing config media type');
  });
});

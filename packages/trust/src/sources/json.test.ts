import type { TrustedRootJson } from '@keyless/core';
import { readRealdataJson } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { jsonTrustRoot } from './json.js';

describe('jsonTrustRoot', () => {
  it('hands out the given trusted root under the given name', async () => {
    const json = readRealdataJson<TrustedRootJson>('trust/production/trusted_root.json');
    const source = jsonTrustRoot(json, 'prod');
    expect(source.name).toBe('prod');
    expect(await source.getTrustedRoot()).toBe(json);
  });

  it('rejects a value that is not a trusted root when created', () => {
    expect(() => jsonTrustRoot({ mediaType: 'application/json' })).toThrow(
      expect.objectContaining({ code: 'ERR_TRUSTED_ROOT_INVALID' }),
    );
  });
});

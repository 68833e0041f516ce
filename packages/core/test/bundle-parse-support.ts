import { readRealdataJson } from '@keyless/testkit';
import { expect } from 'vitest';
import { parseBundle } from '../src/bundle/parse.js';
import { CoreError, type CoreErrorCode } from '../src/errors/keyless-error.js';

// biome-ignore lint/suspicious/noExplicitAny: tests reach into bundle JSON freely to break it.
export type Json = any;

/** A conformance case's bundle JSON, from the public test vectors. */
export function conformanceBundle(name: string): Json {
  return readRealdataJson('conformance/test/assets/bundle-verify', name, 'bundle.sigstore.json');
}

/** A deep copy of `base` after `edit` has changed it. */
export function mutate(base: Json, edit: (json: Json) => void): Json {
  const copy = structuredClone(base);
  edit(copy);
  return copy;
}

/** The CoreError parseBundle throws for `json`; fails if it accepts it or throws anything else. */
export function parseError(json: unknown): CoreError {
  try {
    parseBundle(json);
  } catch (error) {
    if (error instanceof CoreError) return error;
    throw error;
  }
  throw new Error('parseBundle accepted the input');
}

export function expectRefused(
  json: unknown,
  message: string,
  code: CoreErrorCode = 'ERR_BUNDLE_INVALID',
): void {
  const error = parseError(json);
  expect(error.code).toBe(code);
  expect(error.message).toBe(message);
}

export const VM = 'bundle.verificationMaterial';

import { deepStrictEqual } from 'node:assert';
import { readRealdata } from '@keyless/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors/keyless-error.js';
import { parseBundle } from './parse.js';
import { parseBundleText } from './parse-text.js';
import { serializeBundle } from './serialize.js';

// biome-ignore lint/suspicious/noExplicitAny: the point is to feed the parser anything.
type Json = any;

const ALLOWED_CODES = new Set([
  'ERR_BUNDLE_INVALID',
  'ERR_BUNDLE_UNSUPPORTED_VERSION',
  'ERR_INPUT_TOO_LARGE',
]);

const BASE_TEXTS = [
  'conformance/test/assets/bundle-verify/happy-path-v0.1/bundle.sigstore.json',
  'conformance/test/assets/bundle-verify/happy-path-v0.2/bundle.sigstore.json',
  'conformance/test/assets/bundle-verify/happy-path-v0.3/bundle.sigstore.json',
  'conformance/test/assets/bundle-verify/happy-path-intoto-in-dsse-v3/bundle.sigstore.json',
  'conformance/test/assets/bundle-verify/managed-key-happy-path/bundle.sigstore.json',
  'conformance/test/assets/bundle-verify/rekor2-happy-path/bundle.sigstore.json',
  'bundles/google/Python-3.12.5.tgz.sigstore',
].map((path) => readRealdata(path).toString('utf8'));
const BASES: Json[] = BASE_TEXTS.map((text) => JSON.parse(text));

/**
 * Runs `parse` and checks the contract: it returns a bundle, or it throws a `CoreError` with one
 * of the bundle codes and a one-line message. Anything else (a TypeError, a RangeError, another
 * code) fails the property. An accepted bundle must also survive a serialize/parse round trip.
 */
function checkContract(parse: () => ReturnType<typeof parseBundle>): void {
  let bundle: ReturnType<typeof parseBundle>;
  try {
    bundle = parse();
  } catch (error) {
    if (!(error instanceof CoreError) || !ALLOWED_CODES.has(error.code)) throw error;
    if (error.message.includes('\n')) throw new Error(`multi-line message: ${JSON.stringify(error.message)}`);
    return;
  }
  // node:assert compares byte arrays natively; vitest's toEqual walks them element by element.
  deepStrictEqual(parseBundle(JSON.parse(JSON.stringify(serializeBundle(bundle)))), bundle);
}

/** A place in a JSON tree: a container and one of its keys. */
type Slot = { parent: Json; key: string | number };

/** Every slot inside `json` (the root excluded), found without copying paths around. */
function slotsOf(json: unknown): Slot[] {
  const out: Slot[] = [];
  const stack: unknown[] = [json];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        out.push({ parent: node, key: i });
        stack.push(node[i]);
      }
    } else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        out.push({ parent: node, key });
        stack.push((node as Json)[key]);
      }
    }
  }
  return out;
}

type Mutation =
  | { kind: 'delete' }
  | { kind: 'replace'; value: unknown }
  | { kind: 'corrupt'; at: number; char: string }
  | { kind: 'nest'; depth: number };

/** Any UTF-16 text, lone surrogates and control characters included (and fast to generate). */
const anyText = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 })
  .map((units) => String.fromCharCode(...units));

const oddNumbers = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, -0, 2 ** 53, 2 ** 64, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 0.5),
  fc.bigInt().map(String),
  fc.constantFrom('-1', '9223372036854775807', '18446744073709551616', '1e3', '0x1f', ' 1', '01'),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({ kind: 'delete' }),
  fc.jsonValue({ maxDepth: 3 }).map((value): Mutation => ({ kind: 'replace', value })),
  anyText.map((value): Mutation => ({ kind: 'replace', value })),
  oddNumbers.map((value): Mutation => ({ kind: 'replace', value })),
  fc.constantFrom<unknown>(null, [], {}, '', true).map((value): Mutation => ({ kind: 'replace', value })),
  fc
    .record({
      at: fc.nat(),
      char: fc.constantFrom('!', '=', '-', '_', '+', '/', '\n', '\u0000', '\u00e9', ' ', 'A'),
    })
    .map((r): Mutation => ({ kind: 'corrupt', ...r })),
  fc.integer({ min: 1, max: 2000 }).map((depth): Mutation => ({ kind: 'nest', depth })),
);

function apply(json: Json, pick: number, change: Mutation): void {
  const slots = slotsOf(json);
  if (slots.length === 0) return;
  const { parent, key } = slots[pick % slots.length]!;
  switch (change.kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return;
    case 'replace':
      parent[key] = change.value;
      return;
    case 'corrupt': {
      const value = parent[key];
      if (typeof value !== 'string') return;
      const at = value.length === 0 ? 0 : change.at % value.length;
      parent[key] = value.slice(0, at) + change.char + value.slice(at + 1);
      return;
    }
    case 'nest': {
      let value = parent[key];
      for (let i = 0; i < change.depth; i++) value = i % 2 ? [value] : { [String(key)]: value };
      parent[key] = value;
      return;
    }
  }
}

const mutatedBundle = fc
  .record({
    base: fc.nat({ max: BASES.length - 1 }),
    changes: fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 3 }),
  })
  .map(({ base, changes }) => {
    const json = structuredClone(BASES[base]);
    for (const [pick, change] of changes) apply(json, pick, change);
    return json;
  });

/** Runs a property; a counterexample fails the test with fast-check's report. */
function holds<T>(property: fc.IProperty<T>, params: fc.Parameters<T>): void {
  expect(() => fc.assert(property, params)).not.toThrow();
}

describe('parseBundle under random input', () => {
  it('only ever throws bundle CoreErrors for mutated real bundles', () => {
    holds(
      fc.property(mutatedBundle, (json) => checkContract(() => parseBundle(json))),
      { numRuns: 1000 },
    );
  });

  it('only ever throws bundle CoreErrors for the text of mutated real bundles', () => {
    holds(
      fc.property(mutatedBundle, (json) =>
        checkContract(() => parseBundleText(JSON.stringify(json) ?? 'null')),
      ),
      { numRuns: 200 },
    );
  });

  it('only ever throws bundle CoreErrors for arbitrary JSON values', () => {
    holds(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (json) => checkContract(() => parseBundle(json))),
      { numRuns: 300 },
    );
  });

  it('only ever throws bundle CoreErrors for arbitrary objects with a valid media type', () => {
    const shaped = fc.record({
      mediaType: fc.constantFrom(...BASES.map((b) => b.mediaType as string)),
      verificationMaterial: fc.oneof(
        fc.jsonValue({ maxDepth: 4 }),
        fc.constant(BASES[2].verificationMaterial),
      ),
      messageSignature: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(BASES[2].messageSignature)),
      dsseEnvelope: fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 3 })),
    });
    holds(
      fc.property(shaped, (json) => checkContract(() => parseBundle(json))),
      { numRuns: 300 },
    );
  });

  it('only ever throws bundle CoreErrors for truncated or spliced bundle text', () => {
    const text = fc
      .record({
        base: fc.nat({ max: BASE_TEXTS.length - 1 }),
        cut: fc.nat(),
        insert: fc.string({ maxLength: 8 }),
      })
      .map(({ base, cut, insert }) => {
        const source = BASE_TEXTS[base]!;
        const at = cut % source.length;
        return source.slice(0, at) + insert + source.slice(at + insert.length);
      });
    holds(
      fc.property(text, (source) => checkContract(() => parseBundleText(source))),
      { numRuns: 300 },
    );
  });

  it('only ever throws bundle CoreErrors for arbitrary bytes', () => {
    holds(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => checkContract(() => parseBundleText(bytes))),
      { numRuns: 200 },
    );
  });

  it('refuses deeply nested JSON text as a bundle error, not a crash', () => {
    const depth = 200_000;
    expect(() =>
      checkContract(() => parseBundleText(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
    ).not.toThrow();
    expect(() =>
      checkContract(() => parseBundleText(`{"mediaType":${'['.repeat(depth)}${']'.repeat(depth)}}`)),
    ).not.toThrow();
  });
});

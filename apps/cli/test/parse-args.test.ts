import { describe, expect, it } from 'vitest';
import { flag, parseCommandArgs, stringValue, stringValues } from '../src/args/parse.js';
import { verifyBlobCommand } from '../src/commands/verify-blob.js';
import { CliError } from '../src/errors.js';

const parse = (...argv: string[]) => parseCommandArgs(verifyBlobCommand, argv);

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof CliError && err.code === 'ERR_USAGE') return err.message;
    throw err;
  }
  throw new Error('expected a usage error');
}

describe('parseCommandArgs', () => {
  it('reads the input positional and string options', () => {
    const args = parse('a.txt', '--bundle', 'a.sigstore.json', '--certificate-identity', 'me@example.com');
    expect([
      args.positionals,
      stringValue(args, 'bundle'),
      stringValue(args, 'certificate-identity'),
    ]).toEqual([['a.txt'], 'a.sigstore.json', 'me@example.com']);
  });

  it('accepts --option=value', () => {
    expect(stringValue(parse('a.txt', '--bundle=b.json'), 'bundle')).toBe('b.json');
  });

  it('collects a repeated --certificate-extension in order', () => {
    const args = parse(
      'a',
      '--bundle',
      'b',
      '--certificate-extension',
      'x=1',
      '--certificate-extension',
      'y=2',
    );
    expect(stringValues(args, 'certificate-extension')).toEqual(['x=1', 'y=2']);
  });

  it('reads boolean flags', () => {
    const args = parse('a', '--bundle', 'b', '--offline');
    expect([flag(args, 'offline'), flag(args, 'staging')]).toEqual([true, false]);
  });

  it('defaults --output to text and accepts -o json', () => {
    expect([
      stringValue(parse('a', '--bundle', 'b'), 'output'),
      stringValue(parse('a', '--bundle', 'b', '-o', 'json'), 'output'),
    ]).toEqual(['text', 'json']);
  });

  it('takes an input that starts with a dash after --', () => {
    expect(parse('--bundle', 'b', '--', '-odd-name').positionals).toEqual(['-odd-name']);
  });

  it('rejects an unknown option', () => {
    expect(usageMessage(() => parse('a', '--bundle', 'b', '--nope'))).toBe('unknown option --nope');
  });

  it('rejects a missing --bundle', () => {
    expect(usageMessage(() => parse('a'))).toBe('missing required option --bundle');
  });

  it('rejects an option without its value', () => {
    expect(usageMessage(() => parse('a', '--bundle'))).toBe('option --bundle needs a value');
  });

  it('rejects an --output outside its choices', () => {
    expect(usageMessage(() => parse('a', '--bundle', 'b', '--output', 'yaml'))).toBe(
      '--output must be one of text, json, got "yaml"',
    );
  });

  it('rejects a missing input', () => {
    expect(usageMessage(() => parse('--bundle', 'b'))).toBe('missing INPUT argument');
  });

  it('rejects a second input', () => {
    expect(usageMessage(() => parse('a', 'c', '--bundle', 'b'))).toBe('unexpected argument "c"');
  });
});

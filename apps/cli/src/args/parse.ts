import { parseArgs } from 'node:util';
import { usageError } from '../errors.js';
import type { CommandSpec, ParsedArgs } from './spec.js';

type ParseArgsOptions = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** Node's parser config for a command's option table (plus `--verbose`, which every command takes). */
function parseArgsOptions(command: CommandSpec): ParseArgsOptions {
  const options: NonNullable<ParseArgsOptions> = {};
  for (const [name, spec] of Object.entries(command.options)) {
    options[name] = {
      type: spec.type,
      ...(spec.multiple ? { multiple: true } : {}),
      ...(spec.short ? { short: spec.short } : {}),
    };
  }
  return options;
}

/**
 * Parses a command's arguments with Node's built-in parser (yargs is loaded only to render help:
 * importing it costs more than a whole verification). Unknown options, missing values, bad
 * choices, missing required options and a wrong number of positionals are usage errors.
 */
export function parseCommandArgs(command: CommandSpec, argv: readonly string[]): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: parseArgsOptions(command),
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw usageError(describeParseError(err));
  }
  const values = { ...(parsed.values as ParsedArgs['values']) };
  for (const [name, spec] of Object.entries(command.options)) {
    const value = values[name];
    if (value === undefined && spec.default !== undefined) values[name] = spec.default;
    if (values[name] === undefined && spec.required) throw usageError(`missing required option --${name}`);
    if (spec.choices && typeof value === 'string' && !spec.choices.includes(value)) {
      throw usageError(`--${name} must be one of ${spec.choices.join(', ')}, got "${value}"`);
    }
  }
  const expected = command.positionals;
  if (parsed.positionals.length < expected.length) {
    throw usageError(`missing ${expected[parsed.positionals.length]!.name.toUpperCase()} argument`);
  }
  if (parsed.positionals.length > expected.length) {
    throw usageError(`unexpected argument "${parsed.positionals[expected.length]}"`);
  }
  return { values, positionals: parsed.positionals };
}

/** Node's parse errors are long and multi-line; say the same in one short line. */
function describeParseError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (!option) return message.split('\n')[0]!;
  if (/^Unknown option/.test(message)) return `unknown option ${option}`;
  if (/argument missing/.test(message)) return `option ${option} needs a value`;
  if (/ambiguous/.test(message)) {
    return `option ${option} needs a value (for a value starting with "-", write ${option}=VALUE)`;
  }
  if (/does not take an argument/.test(message)) return `option ${option} does not take a value`;
  return message.split('\n')[0]!;
}

/** A string option's value, if given. */
export function stringValue(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable option's values (empty if never given). */
export function stringValues(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

/** A boolean flag: true when given. */
export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

import { parseCommandArgs } from '../args/parse.js';
import type { CommandSpec, ProgramSpec } from '../args/spec.js';
import type { CliContext } from '../context.js';
import { CliError, usageError } from '../errors.js';
import { ExitCode, exitCodeFor } from '../exit-codes.js';
import { describeError, describeErrorVerbose } from './report-error.js';

const HELP_FLAGS = new Set(['--help', '-h']);

/** The arguments before a `--` terminator: only those can be flags. */
function flagsOf(argv: readonly string[]): readonly string[] {
  const end = argv.indexOf('--');
  return end === -1 ? argv : argv.slice(0, end);
}

async function printHelp(program: ProgramSpec, path: readonly CommandSpec[], print: (text: string) => void) {
  const { renderHelp } = await import('./help.js');
  print(await renderHelp(program, ...path));
}

/** Finds `name` among `commands`; `parent` is the command they belong to, if any. */
function findCommand(
  program: ProgramSpec,
  name: string,
  commands: readonly CommandSpec[] = program.commands,
  parent?: CommandSpec,
): CommandSpec {
  const command = commands.find((c) => c.name === name);
  if (command) return command;
  const what = name.startsWith('-') ? `unknown option ${name}` : `unknown command "${name}"`;
  const scope = parent ? `${program.name} ${parent.name}` : program.name;
  throw usageError(`${what} (run "${scope} --help" for the list of commands)`);
}

/**
 * Follows `argv` down through subcommands (`dev up`) and returns the command path and the
 * arguments left for the last command. A group named without a subcommand ends the path there.
 */
function resolveCommandPath(program: ProgramSpec, argv: readonly string[]) {
  const path = [findCommand(program, argv[0]!)];
  let rest = argv.slice(1);
  for (let group = path[0]!; group.subcommands && rest[0] !== undefined && !rest[0].startsWith('-'); ) {
    group = findCommand(program, rest[0], group.subcommands, group);
    path.push(group);
    rest = rest.slice(1);
  }
  return { path, rest };
}

async function dispatch(program: ProgramSpec, argv: readonly string[], context: CliContext): Promise<number> {
  const [first, ...others] = argv;
  if (first === undefined) {
    await printHelp(program, [], context.stderr);
    return ExitCode.Usage;
  }
  if (HELP_FLAGS.has(first) || first === 'help') {
    const topic = first === 'help' && others[0] !== undefined ? resolveCommandPath(program, others).path : [];
    await printHelp(program, topic, context.stdout);
    return ExitCode.Ok;
  }
  if (first === '--version') {
    context.stdout(`${program.version}\n`);
    return ExitCode.Ok;
  }
  const { path, rest } = resolveCommandPath(program, argv);
  const command = path[path.length - 1]!;
  if (flagsOf(rest).some((arg) => HELP_FLAGS.has(arg))) {
    await printHelp(program, path, context.stdout);
    return ExitCode.Ok;
  }
  if (command.subcommands) {
    if (rest[0] !== undefined) throw usageError(`unknown option ${rest[0]}`);
    await printHelp(program, path, context.stderr);
    return ExitCode.Usage;
  }
  const args = parseCommandArgs(
    { ...command, options: { ...command.options, verbose: { type: 'boolean', describe: '' } } },
    rest,
  );
  return await command.run(args, context);
}

/** The names of the commands `argv` names, as far as they exist (`['dev', 'up']`). */
function commandNames(program: ProgramSpec, argv: readonly string[]): string[] {
  const names: string[] = [];
  let commands: readonly CommandSpec[] | undefined = program.commands;
  for (const arg of argv) {
    const command: CommandSpec | undefined = commands?.find((c) => c.name === arg);
    if (!command) break;
    names.push(command.name);
    commands = command.subcommands;
  }
  return names;
}

/**
 * Runs one invocation of a program and returns its exit code. Never throws: a failure becomes one
 * line on stderr (`<program>: <message>`), or the stack trace and causes with `--verbose`.
 */
export async function runProgram(
  program: ProgramSpec,
  argv: readonly string[],
  context: CliContext,
): Promise<number> {
  try {
    return await dispatch(program, argv, context);
  } catch (error) {
    const verbose = flagsOf(argv).includes('--verbose');
    let line = `${program.name}: ${describeError(error)}`;
    if (error instanceof CliError && error.code === 'ERR_USAGE' && !line.includes('--help')) {
      line += ` (see "${[program.name, ...commandNames(program, argv)].join(' ')} --help")`;
    }
    context.stderr(verbose ? `${line}\n${describeErrorVerbose(error)}\n` : `${line}\n`);
    return exitCodeFor(error);
  }
}

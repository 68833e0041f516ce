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

async function printHelp(
  program: ProgramSpec,
  command: CommandSpec | undefined,
  print: (text: string) => void,
) {
  const { renderHelp } = await import('./help.js');
  print(await renderHelp(program, command));
}

function findCommand(program: ProgramSpec, name: string): CommandSpec {
  const command = program.commands.find((c) => c.name === name);
  if (command) return command;
  const what = name.startsWith('-') ? `unknown option ${name}` : `unknown command "${name}"`;
  throw usageError(`${what} (run "${program.name} --help" for the list of commands)`);
}

async function dispatch(program: ProgramSpec, argv: readonly string[], context: CliContext): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    await printHelp(program, undefined, context.stderr);
    return ExitCode.Usage;
  }
  if (HELP_FLAGS.has(first) || first === 'help') {
    const topic = first === 'help' && rest[0] !== undefined ? findCommand(program, rest[0]) : undefined;
    await printHelp(program, topic, context.stdout);
    return ExitCode.Ok;
  }
  if (first === '--version') {
    context.stdout(`${program.version}\n`);
    return ExitCode.Ok;
  }
  const command = findCommand(program, first);
  if (flagsOf(rest).some((arg) => HELP_FLAGS.has(arg))) {
    await printHelp(program, command, context.stdout);
    return ExitCode.Ok;
  }
  const args = parseCommandArgs(
    { ...command, options: { ...command.options, verbose: { type: 'boolean', describe: '' } } },
    rest,
  );
  return await command.run(args, context);
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
      const command = program.commands.find((c) => c.name === argv[0]);
      line += ` (see "${program.name}${command ? ` ${command.name}` : ''} --help")`;
    }
    context.stderr(verbose ? `${line}\n${describeErrorVerbose(error)}\n` : `${line}\n`);
    return exitCodeFor(error);
  }
}

import type { Argv, Options } from 'yargs';
import type { CommandSpec, OptionSpec, ProgramSpec } from '../args/spec.js';

/** How a row of the option table reads to yargs. */
function yargsOption(spec: OptionSpec): Options {
  return {
    type: spec.type,
    describe: spec.describe,
    ...(spec.multiple ? { array: true } : {}),
    ...(spec.short ? { alias: spec.short } : {}),
    ...(spec.choices ? { choices: [...spec.choices] } : {}),
    ...(spec.default !== undefined ? { default: spec.default } : {}),
    ...(spec.required ? { demandOption: true } : {}),
    ...(spec.group ? { group: spec.group } : {}),
  };
}

function commandUsage(command: CommandSpec): string {
  if (command.subcommands) return `${command.name} <command>`;
  return [command.name, ...command.positionals.map((p) => `<${p.name}>`)].join(' ');
}

function describeCommand(yargs: Argv, program: ProgramSpec, command: CommandSpec, parents = ''): Argv {
  let builder = yargs;
  if (command.subcommands) {
    const usage = `$0 ${parents}${command.name} <command> [options]`;
    builder = builder.usage(command.description ? `${usage}\n\n${command.description}` : usage);
    for (const sub of command.subcommands) {
      builder = builder.command(commandUsage(sub), sub.summary, (y) =>
        describeCommand(y, program, sub, `${parents}${command.name} `),
      );
    }
    return command.epilog ? builder.epilog(command.epilog) : builder;
  }
  if (command.description) {
    builder = builder.usage(`$0 ${parents}${commandUsage(command)}\n\n${command.description}`);
  }
  for (const positional of command.positionals) {
    builder = builder.positional(positional.name, { type: 'string', describe: positional.describe });
  }
  builder = builder.options(
    Object.fromEntries(Object.entries(command.options).map(([n, s]) => [n, yargsOption(s)])),
  );
  builder = builder.option('verbose', {
    type: 'boolean',
    describe: 'On errors, print the stack trace and causes',
  });
  const epilog = [formatExamples(program, command), command.epilog ?? program.epilog]
    .filter(Boolean)
    .join('\n\n');
  return epilog ? builder.epilog(epilog) : builder;
}

/**
 * Examples as a block of their own: yargs' two-column layout folds long command lines into a
 * narrow column. Each line of an example after the first is a shell continuation.
 */
function formatExamples(program: ProgramSpec, command: CommandSpec): string {
  if (command.examples.length === 0) return '';
  const blocks = command.examples.map(([example, explanation]) => {
    const lines = example.replaceAll('$0', program.name).split('\n');
    return [
      `  ${explanation}:`,
      ...lines.map((l, i) => `${i === 0 ? '    ' : '      '}${l}${i < lines.length - 1 ? ' \\' : ''}`),
    ].join('\n');
  });
  return `Examples:\n${blocks.join('\n\n')}`;
}

/**
 * Renders `--help` for the program, or for one of its commands (`path` leads from a top-level
 * command down to a subcommand), with yargs. yargs is imported here, on demand, because loading it
 * takes longer than a whole verification.
 */
export async function renderHelp(program: ProgramSpec, ...path: CommandSpec[]): Promise<string> {
  const { default: yargs } = await import('yargs');
  let cli = yargs()
    .scriptName(program.name)
    .usage(`$0 <command> [options]\n\n${program.summary}`)
    .version(program.version)
    .help()
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns || 100));
  for (const spec of program.commands) {
    cli = cli.command(commandUsage(spec), spec.summary, (y) => describeCommand(y, program, spec));
  }
  if (program.epilog) cli = cli.epilog(program.epilog);
  const args = [...path.map((command) => command.name), '--help'];
  const output = await new Promise<string>((resolve, reject) => {
    cli.parse(args, {}, (err, _argv, text) => (err ? reject(err) : resolve(text)));
  });
  return output.endsWith('\n') ? output : `${output}\n`;
}

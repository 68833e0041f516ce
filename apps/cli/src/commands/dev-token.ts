import { flag, stringValue } from '../args/parse.js';
import type { CommandSpec, OptionTable, ParsedArgs } from '../args/spec.js';
import type { CliContext } from '../context.js';
import { asCliError } from '../dev/dev-errors.js';
import { DEV_EXIT_CODES_HELP, devDir, dirOption } from '../dev/options.js';
import { usageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';

const CI = 'With --ci:';

const options: OptionTable = {
  dir: dirOption,
  subject: { type: 'string', describe: 'The email address the token is for (required unless --ci)' },
  ci: {
    type: 'boolean',
    describe: "A GitHub-Actions-like workflow token from the stack's CI issuer instead of an email token",
  },
  repository: {
    type: 'string',
    group: CI,
    describe: "The workflow run's repository, OWNER/REPO (default keyless-dev/example)",
  },
  ref: { type: 'string', group: CI, describe: 'The Git ref of the run (default refs/heads/main)' },
};

async function run(args: ParsedArgs, context: CliContext): Promise<number> {
  const subject = stringValue(args, 'subject');
  const ci = flag(args, 'ci');
  if (!ci && subject === undefined) throw usageError('--subject EMAIL is required (or --ci for a CI token)');
  if (!ci && (stringValue(args, 'repository') || stringValue(args, 'ref'))) {
    throw usageError('--repository and --ref need --ci');
  }
  const { requestDevToken } = await import('@keyless/dev-stack/client');
  const repository = stringValue(args, 'repository');
  const ref = stringValue(args, 'ref');
  let token: string;
  try {
    const answer = await requestDevToken({
      dir: devDir(args, context.cwd),
      ...(ci ? { ci: true } : { email: subject! }),
      ...(repository !== undefined ? { repository } : {}),
      ...(ref !== undefined ? { ref } : {}),
    });
    token = answer.id_token;
  } catch (error) {
    throw asCliError(error);
  }
  // The token goes to standard output only, so that `$(keyless dev token ...)` captures it.
  context.stdout(`${token}\n`);
  return ExitCode.Ok;
}

/** `keyless dev token`: prints an ID token from the running stack. */
export const devTokenCommand: CommandSpec = {
  name: 'token',
  summary: 'Print an ID token from the running stack (valid 10 minutes)',
  description:
    'Asks the stack running in --dir (see "keyless dev up") for an OIDC ID token, audience sigstore, valid ' +
    'for 10 minutes: for the email given with --subject, or with --ci a GitHub-Actions-like workflow token ' +
    "from the stack's CI issuer. Prints only the token.",
  positionals: [],
  options,
  examples: [
    ['$0 dev token --subject me@example.com', 'A token for an email identity'],
    ['$0 dev token --ci --repository acme/app', 'A CI token for a workflow run of acme/app'],
  ],
  epilog: DEV_EXIT_CODES_HELP,
  run,
};

import { relative } from 'node:path';
import type { DevStack } from '@keyless/dev-stack';
import { flag, stringValue } from '../args/parse.js';
import type { CommandSpec, OptionTable, ParsedArgs } from '../args/spec.js';
import type { CliContext } from '../context.js';
import { asCliError } from '../dev/dev-errors.js';
import { DEV_EXIT_CODES_HELP, devDir, dirOption, portValue } from '../dev/options.js';
import { usageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

const options: OptionTable = {
  dir: dirOption,
  host: {
    type: 'string',
    default: '127.0.0.1',
    describe: 'Address to listen on; anything but loopback needs --allow-remote',
  },
  port: {
    type: 'string',
    describe: 'Port to listen on (default: the port of the last run in --dir, else any free port)',
  },
  'allow-remote': {
    type: 'boolean',
    describe:
      'Allow a non-loopback --host. The issuer gives anyone a token for any email, so anyone who can reach the stack gets certificates from its CA',
  },
};

/** What `keyless dev up` prints once the stack answers; the last line starts with `ready`. */
export function formatStackReady(stack: DevStack, cwd: string): string {
  const display = (path: string) =>
    relative(cwd, path).startsWith('..') ? path : relative(cwd, path) || '.';
  return [
    'Keyless development stack (for local testing only: its issuer signs in anyone as any email)',
    `  oidc issuer     ${stack.urls.oidc}`,
    `  fulcio          ${stack.urls.fulcio}`,
    `  rekor v1        ${stack.urls.rekor}`,
    `  rekor v2        ${stack.urls.rekorV2}`,
    `  tsa             ${stack.urls.tsa}`,
    `  trusted root    ${display(stack.trustedRootPath)}`,
    `  signing config  ${display(stack.signingConfigPath)}`,
    `  token           keyless dev token --dir ${display(stack.dir)} --subject you@example.com`,
    `ready ${stack.url} (Ctrl-C to stop)`,
    '',
  ].join('\n');
}

/** Resolves on the first SIGINT or SIGTERM; a second one falls through to Node's default (exit). */
function nextStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export interface DevUpRequest {
  dir: string;
  host: string;
  port?: number;
  allowRemote: boolean;
}

/**
 * Starts the stack, prints its URLs and files, then `ready ...`; stops it cleanly when `stop`
 * settles and resolves to exit code 0.
 */
export async function runDevUp(
  request: DevUpRequest,
  context: CliContext,
  stop: Promise<unknown>,
): Promise<number> {
  const { startDevStack } = await import('@keyless/dev-stack');
  let stack: DevStack;
  try {
    stack = await startDevStack({
      dir: request.dir,
      host: request.host,
      ...(request.port !== undefined ? { port: request.port } : {}),
      allowRemote: request.allowRemote,
    });
  } catch (error) {
    throw asCliError(error);
  }
  context.stdout(formatStackReady(stack, context.cwd));
  await stop;
  context.stderr('keyless: stopping the development stack\n');
  await stack.close();
  return ExitCode.Ok;
}

function toRequest(args: ParsedArgs, cwd: string): DevUpRequest {
  const host = stringValue(args, 'host') ?? '127.0.0.1';
  const allowRemote = flag(args, 'allow-remote');
  if (!LOOPBACK_HOSTS.has(host) && !/^127\.\d+\.\d+\.\d+$/.test(host) && !allowRemote) {
    throw usageError(
      `refusing to listen on ${host}: the development issuer gives anyone a token for any email, so anyone who can reach the stack gets certificates; add --allow-remote if that is what you want`,
    );
  }
  const port = portValue(args);
  return { dir: devDir(args, cwd), host, ...(port !== undefined ? { port } : {}), allowRemote };
}

/** `keyless dev up`: runs the local Sigstore stack until interrupted. */
export const devUpCommand: CommandSpec = {
  name: 'up',
  summary: 'Run the local stack (OIDC issuer, CA, Rekor v1 and v2, TSA) until Ctrl-C',
  description:
    'Runs a local Sigstore stack in this process on one port: a development OIDC issuer at /oidc, a ' +
    'Fulcio-compatible CA at /fulcio, Rekor v1 at /rekor, Rekor v2 at /rekor-v2 and an RFC 3161 TSA at /tsa. ' +
    'Writes trusted_root.json and signing_config.json to --dir and keeps keys and log entries there, so ' +
    'a restart on the same folder keeps the same URLs and trust material. Prints the URLs, then a line ' +
    'starting with "ready"; stops cleanly on SIGINT or SIGTERM. For development and tests only.',
  positionals: [],
  options,
  examples: [
    ['$0 dev up', 'Run the stack in ./.keyless-dev on a free loopback port'],
    ['$0 dev up --dir /tmp/stack --port 5555', 'Use another folder and a fixed port'],
  ],
  epilog: DEV_EXIT_CODES_HELP,
  run: (args, context) => runDevUp(toRequest(args, context.cwd), context, nextStopSignal()),
};

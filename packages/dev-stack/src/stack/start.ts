import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { parseSigningConfig, parseTrustedRoot, type TrustedRootJson } from '@keyless/core';
import type { ServiceHandler } from '@keyless/core/server';
import { DevStackError } from '../errors.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { sendJsonError } from '../http/respond.js';
import { stackIndexHandler } from './index-route.js';
import { listen, stopServer } from './listen.js';
import { routeByPrefix } from './router.js';
import { type DevServices, startServices } from './services.js';
import { assembleSigningConfig, type SigningConfigJson, serviceStartsFrom } from './signing-config.js';
import { type DevStackState, readStackState, writeStackState } from './state.js';
import { assembleTrustedRoot } from './trusted-root.js';
import { baseUrl, type DevStackUrls, isLoopbackBindHost, serviceUrls } from './urls.js';

export interface DevStackOptions {
  /** The stack's folder: keys, certificates, log entries, `stack.json` and the two JSON files. */
  dir: string;
  /** Address to bind; default `127.0.0.1`. Anything but loopback needs `allowRemote`. */
  host?: string;
  /** Port to bind; default the one in `DIR/stack.json`, else any free port. */
  port?: number;
  /**
   * Allow binding a non-loopback address. The issuer hands out tokens for any email to anyone
   * who asks, so a reachable stack lets anyone on the network get certificates from its CA.
   */
  allowRemote?: boolean;
}

/** A running stack. */
export interface DevStack {
  /** Base URL, e.g. `http://127.0.0.1:5555`. */
  url: string;
  urls: DevStackUrls;
  /** The absolute path of the stack's folder. */
  dir: string;
  /** The issuers whose tokens the CA accepts: people (email) and CI workflow runs. */
  issuers: { email: string; ci: string };
  trustedRoot: TrustedRootJson;
  signingConfig: SigningConfigJson;
  trustedRootPath: string;
  signingConfigPath: string;
  /** Stops listening, lets requests in flight finish, and closes every service. Idempotent. */
  close(): Promise<void>;
}

/** Names of the files written in the stack's folder. */
export const TRUSTED_ROOT_FILE = 'trusted_root.json';
export const SIGNING_CONFIG_FILE = 'signing_config.json';

function checkOptions(options: DevStackOptions): { host: string; port: number | undefined } {
  const host = options.host ?? '127.0.0.1';
  if (!options.dir) throw new DevStackError('ERR_DEV_STACK_OPTIONS', 'dir is required');
  if (!isLoopbackBindHost(host) && !options.allowRemote) {
    throw new DevStackError(
      'ERR_DEV_STACK_OPTIONS',
      `refusing to bind ${host}: the development issuer gives anyone a token for any email, so the stack binds loopback only unless allowRemote is set`,
    );
  }
  const port = options.port;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new DevStackError('ERR_DEV_STACK_OPTIONS', `port must be an integer from 0 to 65535, got ${port}`);
  }
  return { host, port };
}

/**
 * Starts the whole local Sigstore stack on one port: the OIDC issuer at `/oidc`, the CA at
 * `/fulcio`, Rekor v1 at `/rekor`, Rekor v2 at `/rekor-v2` and the TSA at `/tsa`. Writes
 * `trusted_root.json` and `signing_config.json` to `dir` and remembers the port in
 * `dir/stack.json`, so a restart on the same folder keeps its URLs, keys and log entries.
 *
 * @example
 * ```ts
 * import { startDevStack } from '@keyless/dev-stack';
 *
 * const stack = await startDevStack({ dir: '.keyless-dev' });
 * console.log(stack.urls.fulcio, stack.trustedRootPath);
 * await stack.close();
 * ```
 */
export async function startDevStack(options: DevStackOptions): Promise<DevStack> {
  const { host, port: requestedPort } = checkOptions(options);
  const dir = resolve(options.dir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const previous = await readStackState(dir);
  const port = requestedPort ?? previous?.port ?? 0;
  const portSource = requestedPort === undefined && previous ? ` (from ${join(dir, 'stack.json')})` : '';

  let route: ServiceHandler = (_req, res) => sendJsonError(res, 503, 'the stack is starting');
  const server = createServer((req: IncomingMessage, res: ServerResponse) => route(req, res));
  const boundPort = await listen(server, host, port, portSource);
  const url = baseUrl(host, boundPort);
  const urls = serviceUrls(url);

  let services: DevServices;
  try {
    services = await startServices(dir, urls);
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  try {
    const createdAt = previous?.createdAt ?? new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
    const trustedRoot = assembleTrustedRoot(services.trust);
    const signingConfig = assembleSigningConfig(urls, serviceStartsFrom(trustedRoot, createdAt));
    // Both files are checked with the parsers every client uses, so the stack never hands out
    // trust material its own tools would refuse.
    parseTrustedRoot(trustedRoot);
    parseSigningConfig(signingConfig);
    const trustedRootPath = join(dir, TRUSTED_ROOT_FILE);
    const signingConfigPath = join(dir, SIGNING_CONFIG_FILE);
    await writeJsonAtomic(trustedRootPath, trustedRoot);
    await writeJsonAtomic(signingConfigPath, signingConfig);
    const state: DevStackState = {
      version: 1,
      host,
      port: boundPort,
      url,
      urls,
      createdAt,
      pid: process.pid,
    };
    await writeStackState(dir, state);

    route = routeByPrefix(services.mounts, stackIndexHandler(url, urls, { trustedRoot, signingConfig }));

    let closing: Promise<void> | undefined;
    return {
      url,
      urls,
      dir,
      issuers: services.issuers,
      trustedRoot,
      signingConfig,
      trustedRootPath,
      signingConfigPath,
      close() {
        closing ??= (async () => {
          await stopServer(server);
          await services.close();
          const { pid: _pid, ...stopped } = state;
          await writeStackState(dir, stopped);
        })();
        return closing;
      },
    };
  } catch (error) {
    await stopServer(server);
    await services.close();
    throw error;
  }
}

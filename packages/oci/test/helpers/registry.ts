import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { selfSigned } from './self-signed.js';
import { startTokenService, type TokenService } from './token-service.js';

const run = promisify(execFile);

/** Where the registry binary is looked for: `KEYLESS_DOCKER_REGISTRY`, else Debian's path. */
const REGISTRY_BINARY = process.env.KEYLESS_DOCKER_REGISTRY ?? '/usr/bin/docker-registry';
const HTPASSWD_BINARY = process.env.KEYLESS_HTPASSWD ?? '/usr/bin/htpasswd';

/** How a test registry authenticates. */
export type RegistryAuth =
  | { kind: 'none' }
  | { kind: 'basic'; users: Record<string, string> }
  | { kind: 'token'; users: Record<string, string> };

/** A running `docker-registry` on loopback. */
export interface TestRegistry {
  /** `127.0.0.1:<port>`, as an image reference's registry part. */
  host: string;
  url: string;
  /** The token service, for `auth: token`. */
  tokens?: TokenService;
  stop(): Promise<void>;
}

/**
 * Fails with instructions when the registry is missing: these tests must run (CI installs it),
 * so a missing binary is an error, never a silent skip.
 */
export function requireRegistryBinary(binary: string = REGISTRY_BINARY): void {
  if (!existsSync(binary)) {
    throw new Error(
      `${binary} is missing: the OCI registry tests run a real registry. Install Debian's docker-registry ` +
        '(apt-get install docker-registry), or point KEYLESS_DOCKER_REGISTRY at a distribution registry binary.',
    );
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function htpasswd(path: string, users: Record<string, string>): Promise<void> {
  if (!existsSync(HTPASSWD_BINARY)) {
    throw new Error(
      `${HTPASSWD_BINARY} is missing: install Debian's apache2-utils (apt-get install apache2-utils)`,
    );
  }
  let first = true;
  for (const [user, password] of Object.entries(users)) {
    await run(HTPASSWD_BINARY, [first ? '-Bbc' : '-Bb', path, user, password]);
    first = false;
  }
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}: ${log()}`);
    try {
      const response = await fetch(`${url}/v2/`);
      if (response.status === 200 || response.status === 401) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`docker-registry did not come up at ${url}: ${log()}`);
}

/**
 * Starts Debian's `docker-registry` (distribution 2.8) on a free loopback port with a generated
 * config in a temporary directory, optionally behind htpasswd Basic auth or token auth (with a
 * token service started here). This registry has no referrers API, so the tag-schema fallback
 * is what gets exercised.
 */
export async function startRegistry(auth: RegistryAuth = { kind: 'none' }): Promise<TestRegistry> {
  requireRegistryBinary();
  const dir = await mkdtemp(join(tmpdir(), 'keyless-registry-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let tokens: TokenService | undefined;
  let authConfig = '';
  if (auth.kind === 'basic') {
    await htpasswd(join(dir, 'htpasswd'), auth.users);
    authConfig = `auth:\n  htpasswd:\n    realm: keyless-test\n    path: ${join(dir, 'htpasswd')}\n`;
  } else if (auth.kind === 'token') {
    const key = selfSigned('keyless test token issuer');
    await writeFile(join(dir, 'token.crt'), key.pem);
    tokens = await startTokenService(key, auth.users, 'keyless-test-registry');
    authConfig =
      `auth:\n  token:\n    realm: ${tokens.realm}\n    service: ${tokens.service}\n` +
      `    issuer: ${tokens.issuer}\n    rootcertbundle: ${join(dir, 'token.crt')}\n`;
  }
  const config =
    'version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n' +
    `storage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\n  delete:\n    enabled: true\n` +
    `http:\n  addr: 127.0.0.1:${port}\n  secret: ${randomBytes(16).toString('hex')}\n` +
    authConfig;
  await writeFile(join(dir, 'config.yml'), config);
  const child = spawn(REGISTRY_BINARY, ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await tokens?.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { host: `127.0.0.1:${port}`, url, ...(tokens ? { tokens } : {}), stop };
}

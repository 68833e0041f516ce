import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { onInterrupt } from '../interrupt.js';

/** Where the registry binary is looked for: `KEYLESS_DOCKER_REGISTRY`, else Debian's path. */
export const REGISTRY_BINARY = process.env.KEYLESS_DOCKER_REGISTRY ?? '/usr/bin/docker-registry';

/** A running `docker-registry` on loopback. */
export interface LocalRegistry {
  /** `127.0.0.1:<port>`, the registry part of an image reference. */
  host: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`docker-registry exited with ${child.exitCode}: ${output()}`);
    try {
      if ((await fetch(`${url}/v2/`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`docker-registry did not come up at ${url}: ${output()}`);
}

/**
 * Starts a distribution registry (Debian's `docker-registry`) on a free loopback port, without
 * authentication, storing in `dir`; `undefined` when the binary is not installed.
 */
export async function startRegistry(dir: string): Promise<LocalRegistry | undefined> {
  if (!existsSync(REGISTRY_BINARY)) return undefined;
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const config =
    'version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n' +
    `storage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\n` +
    `http:\n  addr: 127.0.0.1:${port}\n  secret: ${randomBytes(16).toString('hex')}\n`;
  await writeFile(join(dir, 'config.yml'), config);
  const child = spawn(REGISTRY_BINARY, ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const forget = onInterrupt(() => child.kill('SIGKILL'));
  const stop = async () => {
    forget();
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitUntilUp(`http://127.0.0.1:${port}`, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { host: `127.0.0.1:${port}`, stop };
}

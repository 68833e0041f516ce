import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { onInterrupt } from '../interrupt.js';
import type { HostCommand, HostedReady, HostedService, HostMessage } from './protocol.js';

/** A server running in its own process (see `host.ts`). */
export interface HostedServer extends HostedReady {
  /** CPU time (user + system) the server process has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
  /** Closes the server (pending writes finished) and waits for its process to exit. */
  close(): Promise<void>;
}

const HOST = fileURLToPath(new URL('./host.ts', import.meta.url));

/** BENCH_SERVER_PROFILE_DIR makes each server process write a V8 CPU profile there. */
function profileFlags(): string[] {
  const dir = process.env.BENCH_SERVER_PROFILE_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

function nextMessage<T extends HostMessage['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<HostMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: HostMessage) => {
      if (message.type === type) {
        done();
        resolve(message as Extract<HostMessage, { type: T }>);
      } else if (message.type === 'failed') {
        done();
        reject(
          new Error(`the ${type === 'ready' ? 'server did not start' : 'server failed'}: ${message.message}`),
        );
      }
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`the server process exited with ${code} before answering`));
    };
    const done = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/**
 * Starts one server of the local stack in a child process on a free loopback port and resolves
 * once it listens. The child loads TypeScript the way this process does (`tsx`), and imports the
 * workspace packages' builds, as the benchmark does.
 */
export async function startHostedServer(spec: HostedService): Promise<HostedServer> {
  const child = fork(HOST, [JSON.stringify(spec)], {
    execArgv: ['--import', import.meta.resolve('tsx'), ...profileFlags()],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const forget = onInterrupt(() => child.kill('SIGKILL'));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(forget);
  let ready: HostedReady;
  try {
    ready = await nextMessage(child, 'ready');
  } catch (error) {
    child.kill();
    await exited;
    throw error;
  }
  const command = (c: HostCommand) => child.send(c);
  return {
    ...ready,
    async cpuMicros() {
      const answer = nextMessage(child, 'cpu');
      command({ type: 'cpu' });
      return (await answer).micros;
    },
    async close() {
      if (child.exitCode === null && child.connected) command({ type: 'close' });
      await exited;
    },
  };
}

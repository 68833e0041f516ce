import { AsyncLocalStorage } from 'node:async_hooks';
import { open, rm, stat } from 'node:fs/promises';
import { OciError } from '../errors.js';

/** How long a lock file may sit before it is taken to be left over from a crashed writer. */
const STALE_AFTER_MS = 30_000;
const WAIT_LIMIT_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An exclusive lock on a file path, held by creating `<path>` with `O_EXCL` (atomic on local
 * file systems), across processes and within one. Re-entrant inside the async context that holds
 * it, so an update may call helpers that lock too.
 */
export class FileLock {
  private readonly holder = new AsyncLocalStorage<true>();

  constructor(private readonly path: string) {}

  /** Runs `fn` holding the lock. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.holder.getStore()) return fn();
    await this.acquire();
    try {
      return await this.holder.run(true, fn);
    } finally {
      await rm(this.path, { force: true });
    }
  }

  private async acquire(): Promise<void> {
    const started = Date.now();
    for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
      try {
        const handle = await open(this.path, 'wx');
        await handle.writeFile(`${process.pid}\n`);
        await handle.close();
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new OciError('ERR_LAYOUT_INVALID', `cannot create lock file ${this.path}`, { cause: error });
        }
      }
      const age = await stat(this.path).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_AFTER_MS) {
        await rm(this.path, { force: true });
        continue;
      }
      if (Date.now() - started > WAIT_LIMIT_MS) {
        throw new OciError(
          'ERR_CONCURRENT_UPDATE',
          `gave up waiting for the lock ${this.path}; remove it if no other process is writing`,
        );
      }
      await sleep(wait + Math.random() * wait);
    }
  }
}

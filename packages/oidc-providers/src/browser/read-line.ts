import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * Reads one line from `input` (the code a user pastes). Resolves to the trimmed line, or
 * `undefined` if the input ends first; rejects with the signal's reason on abort. The input is
 * released (not closed) afterwards, so that stdin does not keep the process alive.
 */
export function readLine(input: Readable, signal?: AbortSignal): Promise<string | undefined> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input, terminal: false });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      rl.close();
      input.pause();
      fn();
    };
    const onAbort = () => finish(() => reject(signal?.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    rl.on('line', (line) => {
      if (line.trim() !== '') finish(() => resolve(line.trim()));
    });
    rl.on('close', () => finish(() => resolve(undefined)));
  });
}

/** Synchronous clean-ups to run if the benchmark is interrupted (SIGINT, SIGTERM). */
const cleanups = new Set<() => void>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      // Last registered first, as nested `finally` blocks would run them.
      for (const cleanup of [...cleanups].reverse()) {
        try {
          cleanup();
        } catch {
          // Best effort: the rest still runs.
        }
      }
      process.exit(code);
    });
  }
}

/**
 * Registers `cleanup` to run if the process is interrupted before the returned function is
 * called, so that an interrupted run leaves no temporary directory or server process behind.
 */
export function onInterrupt(cleanup: () => void): () => void {
  install();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A rejection is the waiter's to handle; this keeps an unobserved one from crashing the process.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * Group commit: callers ask for a commit and wait; one `commit()` runs at a time and serves every
 * request made before it started, so all appends of a tick (and those made while an fsync runs)
 * share one fsync. A failed commit fails its waiters and those already queued behind it.
 */
export class GroupCommit {
  private next: Deferred | undefined;
  private loop: Promise<void> | undefined;

  /**
   * @param commit makes everything requested so far durable.
   * @param onIdle runs when no commit is pending any more.
   */
  constructor(
    private readonly commit: () => Promise<void>,
    private readonly onIdle: () => void,
  ) {}

  /** Resolves once a commit that started after this call has succeeded. */
  request(): Promise<void> {
    this.next ??= deferred();
    this.loop ??= this.drain();
    return this.next.promise;
  }

  /** Resolves when no commit is pending or running (whatever their outcome). */
  async settled(): Promise<void> {
    for (;;) {
      const waiting = this.next?.promise ?? this.loop;
      if (!waiting) return;
      await waiting.catch(() => undefined);
    }
  }

  private async drain(): Promise<void> {
    // Let every request of the current tick join the first commit.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.next) {
      const batch = this.next;
      this.next = undefined;
      try {
        await this.commit();
        batch.resolve();
      } catch (error) {
        batch.reject(error);
        (this.next as Deferred | undefined)?.reject(error);
        this.next = undefined;
      }
    }
    // Cleared in the same synchronous step as the last check, so no request is left behind.
    this.loop = undefined;
    this.onIdle();
  }
}

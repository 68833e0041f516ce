import type { ServiceHandler } from '@keyless/core/server';

export type { ServiceHandler };

/** What every server of the local stack returns. */
export interface ServiceBase {
  handler: ServiceHandler;
  /** Finishes pending writes, closes files and stops timers. Idempotent. */
  close(): Promise<void>;
}

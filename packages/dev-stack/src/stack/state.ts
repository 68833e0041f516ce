import { join } from 'node:path';
import { DevStackError } from '../errors.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { readJsonIfExists } from '../fs/read-json.js';
import type { DevStackUrls } from './urls.js';

/** File name, in the stack's directory, of {@link DevStackState}. */
export const STATE_FILE = 'stack.json';

/**
 * `DIR/stack.json`: where the stack listens, so that a restart keeps its URLs (they are baked into
 * the trusted root, log checkpoints and certificates) and other processes can find it.
 */
export interface DevStackState {
  version: 1;
  host: string;
  port: number;
  url: string;
  urls: DevStackUrls;
  /** When the stack was first created in this directory (RFC 3339). */
  createdAt: string;
  /** The process serving the stack; absent once it stopped cleanly. */
  pid?: number;
}

/** Reads `dir/stack.json`; `undefined` if the stack never ran there. */
export async function readStackState(dir: string): Promise<DevStackState | undefined> {
  const path = join(dir, STATE_FILE);
  const json = await readJsonIfExists(path);
  if (json === undefined) return undefined;
  const state = json as Partial<DevStackState> | null;
  if (
    state?.version !== 1 ||
    typeof state.port !== 'number' ||
    !Number.isInteger(state.port) ||
    typeof state.url !== 'string' ||
    typeof state.host !== 'string' ||
    typeof state.createdAt !== 'string' ||
    typeof state.urls?.oidc !== 'string'
  ) {
    throw new DevStackError(
      'ERR_DEV_STACK_STATE',
      `${path} is not a stack state file; delete it to start afresh`,
    );
  }
  return state as DevStackState;
}

/** Writes `dir/stack.json` atomically. */
export function writeStackState(dir: string, state: DevStackState): Promise<void> {
  return writeJsonAtomic(join(dir, STATE_FILE), state);
}

import { runKeyless } from '../program/keyless.js';
import { exitWhenFlushed } from './exit.js';

/** What `bin/keyless` runs. */
export async function main(): Promise<void> {
  exitWhenFlushed(await runKeyless());
}

import { runConformance } from '../conformance/program.js';
import { exitWhenFlushed } from './exit.js';

/** What `bin/keyless-conformance` runs. */
export async function main(): Promise<void> {
  exitWhenFlushed(await runConformance());
}

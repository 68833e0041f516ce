import { FulcioError } from '../src/errors.js';

/** The FulcioError `run` throws; fails the test when it throws something else or nothing. */
export function fulcioErrorOf(run: () => unknown): FulcioError {
  try {
    run();
  } catch (err) {
    if (err instanceof FulcioError) return err;
    throw err;
  }
  throw new Error('expected a FulcioError');
}

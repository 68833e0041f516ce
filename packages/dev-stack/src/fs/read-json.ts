import { readFile } from 'node:fs/promises';
import { DevStackError } from '../errors.js';

/**
 * Reads a JSON file the stack wrote earlier; `undefined` when it does not exist yet. A file that
 * exists but is not JSON is reported, never silently replaced: it may hold keys someone relies on.
 */
export async function readJsonIfExists(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DevStackError('ERR_DEV_STACK_STATE', `cannot read ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DevStackError('ERR_DEV_STACK_STATE', `${path} is not valid JSON; delete it to start afresh`, {
      cause: error,
    });
  }
}

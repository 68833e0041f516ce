import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CliError } from '../errors.js';

/**
 * Checks, before anything is signed, that the bundle can be written where asked: its folder exists
 * and is writable, and the path is not a folder. Signing records the signature in a public log,
 * so finding out afterwards would leave a log entry without a bundle.
 */
export async function checkBundleTarget(path: string): Promise<void> {
  const folder = dirname(path);
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new CliError('ERR_INPUT_UNREADABLE', `--bundle ${path} is a directory`);
  try {
    await access(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : 'is not writable';
    throw new CliError('ERR_INPUT_UNREADABLE', `cannot write --bundle ${path}: the folder ${folder} ${why}`, {
      cause: error,
    });
  }
}

import { readFile } from 'node:fs/promises';
import { OidcError } from '../errors.js';

/** Token files are a few KiB; anything much larger is not a token. */
const MAX_TOKEN_FILE_BYTES = 64 * 1024;

/**
 * Reads a file holding one token. A missing or unreadable file is `ERR_PROVIDER_UNAVAILABLE`,
 * naming `source` and the path; the contents are checked by the caller.
 */
export async function readTokenFile(path: string, source: string, hint = ''): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${String(code ?? 'error')})`;
    throw new OidcError('ERR_PROVIDER_UNAVAILABLE', `${source}: the file ${path} ${why}${hint}`, {
      cause: err,
    });
  }
  if (bytes.length > MAX_TOKEN_FILE_BYTES) {
    throw new OidcError('ERR_TOKEN_INVALID', `${source}: ${path} is too large to be a token`);
  }
  return bytes.toString('utf8');
}

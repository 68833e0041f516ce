import { CoreError } from '../errors/keyless-error.js';
import { parseBundle } from './parse.js';
import type { Bundle } from './types.js';

/** Default cap on a bundle's size: far above any real bundle, low enough to refuse junk fast. */
export const DEFAULT_MAX_BUNDLE_BYTES = 16 * 1024 * 1024;

export interface ParseBundleTextOptions {
  /** Largest accepted input in UTF-8 bytes; default `DEFAULT_MAX_BUNDLE_BYTES` (16 MiB). */
  maxBytes?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a bundle file's contents (`.sigstore.json`): checks the size limit before any work, then
 * decodes the JSON and builds the model with `parseBundle`.
 *
 * Throws `CoreError`: `ERR_INPUT_TOO_LARGE` over the limit, `ERR_BUNDLE_INVALID` for bytes that are
 * not UTF-8 JSON, and whatever `parseBundle` throws.
 *
 * @example
 * ```ts
 * const bundle = parseBundleText(await readFile('artifact.sigstore.json'));
 * ```
 */
export function parseBundleText(text: string | Uint8Array, options: ParseBundleTextOptions = {}): Bundle {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BUNDLE_BYTES;
  let source: string;
  if (typeof text === 'string') {
    // A UTF-16 code unit is at least one UTF-8 byte and at most three, so most inputs are decided
    // without measuring.
    if (
      text.length > maxBytes ||
      (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes)
    ) {
      throw tooLarge(Buffer.byteLength(text, 'utf8'), maxBytes);
    }
    source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } else {
    if (text.byteLength > maxBytes) throw tooLarge(text.byteLength, maxBytes);
    try {
      source = utf8.decode(text);
    } catch (cause) {
      throw new CoreError('ERR_BUNDLE_INVALID', 'bundle is not valid UTF-8', { cause });
    }
  }

  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (cause) {
    throw new CoreError('ERR_BUNDLE_INVALID', `bundle is not valid JSON: ${oneLine(cause)}`, { cause });
  }
  return parseBundle(json);
}

function tooLarge(size: number, maxBytes: number): CoreError {
  return new CoreError(
    'ERR_INPUT_TOO_LARGE',
    `bundle is ${size} bytes, over the ${maxBytes}-byte limit (raise maxBytes if it is genuine)`,
  );
}

/** The parser's message on one short line (V8 quotes the offending input, newlines included). */
function oneLine(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}...` : flat;
}

import type { OptionTable } from '../args/spec.js';
import { CliError, usageError } from '../errors.js';
import { MAX_BUNDLE_BYTES, readInputFile } from '../verification/read-input-file.js';

/** A predicate type given as a URI or a short name (`slsaprovenance1`, `cyclonedx`, ...), as a URI. */
export async function predicateTypeOf(value: string): Promise<string> {
  const { PREDICATE_TYPE_ALIASES, predicateTypeUri } = await import('@keyless/sign');
  const uri = predicateTypeUri(value);
  if (!URL.canParse(uri)) {
    throw usageError(
      `--type must be a URI or one of ${Object.keys(PREDICATE_TYPE_ALIASES).join(', ')}, got "${value}"`,
    );
  }
  return uri;
}

/** Reads a predicate file: one JSON object. */
export function readPredicateFile(path: string): unknown {
  const text = readInputFile(path, 'predicate', MAX_BUNDLE_BYTES).toString('utf8');
  let predicate: unknown;
  try {
    predicate = JSON.parse(text);
  } catch (cause) {
    throw new CliError('ERR_INPUT_UNREADABLE', `predicate ${path} is not JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  if (typeof predicate !== 'object' || predicate === null || Array.isArray(predicate)) {
    throw new CliError('ERR_INPUT_UNREADABLE', `predicate ${path} must hold a JSON object`);
  }
  return predicate;
}

/** The `--predicate` and `--type` flags of the attesting commands. */
export const PREDICATE_OPTIONS: OptionTable = {
  predicate: {
    type: 'string',
    required: true,
    describe: 'The predicate: a JSON file holding one JSON object',
  },
  type: {
    type: 'string',
    required: true,
    describe:
      'The predicate type: a URI, or a short name such as slsaprovenance1, spdxjson, cyclonedx, vuln, openvex, custom',
  },
};

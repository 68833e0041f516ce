import { stringValues } from '../args/parse.js';
import type { OptionSpec, ParsedArgs } from '../args/spec.js';
import { usageError } from '../errors.js';

/** `-a key=value`, repeatable. */
export const ANNOTATION_OPTION: OptionSpec = {
  type: 'string',
  short: 'a',
  multiple: true,
  describe: 'An annotation as key=value (repeatable)',
};

/** The `-a key=value` pairs as a map; a pair without `=` or with an empty key is a usage error. */
export function annotationsOf(args: ParsedArgs): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const pair of stringValues(args, 'annotation')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usageError(`-a wants key=value, got "${pair}"`);
    annotations[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return annotations;
}

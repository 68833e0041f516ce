import type { CanonicalEntry } from '../canonical-entry.js';
import { objectField, rejectEntry, stringField } from '../request-fields.js';
import { dsseV001 } from './dsse.js';
import { hashedRekordV001 } from './hashedrekord.js';

/** Entry kinds a Rekor v1 log of this package accepts. */
export const ACCEPTED_V1_KINDS = ['hashedrekord 0.0.1', 'dsse 0.0.1'] as const;

/**
 * Validates a Rekor v1 proposed entry (`{apiVersion, kind, spec}`) and builds what the log stores.
 * Throws `RekorError('ERR_TLOG_ENTRY_REJECTED')` naming what is wrong.
 */
export function canonicalizeProposedEntry(json: unknown): CanonicalEntry {
  const entry = objectField(json, 'proposed entry');
  const kind = stringField(entry.kind, 'kind');
  const apiVersion = stringField(entry.apiVersion, 'apiVersion');
  const spec = objectField(entry.spec, 'spec');
  if (kind === 'hashedrekord' && apiVersion === '0.0.1') return hashedRekordV001(spec);
  if (kind === 'dsse' && apiVersion === '0.0.1') return dsseV001(spec);
  return rejectEntry(
    `entry kind ${kind} ${apiVersion} is not supported; this log accepts ${ACCEPTED_V1_KINDS.join(' and ')}`,
  );
}

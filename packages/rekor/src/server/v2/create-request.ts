import type { CanonicalEntry } from '../canonical-entry.js';
import { objectField, protoField, rejectEntry } from '../request-fields.js';
import { dsseV002 } from './dsse.js';
import { hashedRekordV002 } from './hashedrekord.js';

/**
 * Validates a Rekor v2 `CreateEntryRequest`: exactly one of `hashedRekordRequestV002` and
 * `dsseRequestV002` (also accepted under their snake_case and older `V0_0_2` names). Throws
 * `RekorError('ERR_TLOG_ENTRY_REJECTED')` naming what is wrong.
 */
export function canonicalizeCreateRequest(json: unknown): CanonicalEntry {
  const request = objectField(json, 'request');
  const hashedRekord = protoField(request, 'hashedRekordRequestV002') ?? request.hashedRekordRequestV0_0_2;
  const dsse = protoField(request, 'dsseRequestV002') ?? request.dsseRequestV0_0_2;
  if ((hashedRekord === undefined) === (dsse === undefined)) {
    rejectEntry('request must have exactly one of hashedRekordRequestV002 and dsseRequestV002');
  }
  return hashedRekord !== undefined
    ? hashedRekordV002(objectField(hashedRekord, 'hashedRekordRequestV002'), 'hashedRekordRequestV002')
    : dsseV002(objectField(dsse, 'dsseRequestV002'), 'dsseRequestV002');
}

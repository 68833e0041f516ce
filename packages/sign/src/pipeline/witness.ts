import {
  findLogs,
  type PreparedLog,
  type ProposedEntry,
  type TimestampSource,
  type TransparencyLogClient,
  type TransparencyLogEntry,
  toHex,
} from '@keyless/core';
import { SigningError } from '../errors.js';
import { serviceFailure } from './service-failure.js';

/** What the witnesses returned for one signature. */
export interface Witnessed {
  tlogEntries: TransparencyLogEntry[];
  /** DER `TimeStampResp`s, as a bundle stores them. */
  rfc3161Timestamps: Uint8Array[];
}

/**
 * Records the signature in every log and asks every timestamp source to timestamp it, all at once.
 * The first failure cancels the requests still in flight and is thrown, naming its service.
 */
export async function witness(
  entry: ProposedEntry,
  signature: Uint8Array,
  logs: readonly TransparencyLogClient[],
  timestampSources: readonly TimestampSource[],
  trustedLogs: readonly PreparedLog[],
  signal: AbortSignal | undefined,
): Promise<Witnessed> {
  const controller = new AbortController();
  const combined = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
  const witnessed: Witnessed = { tlogEntries: [], rfc3161Timestamps: [] };
  const fail = (error: unknown): never => {
    controller.abort(error);
    throw error;
  };
  const logging = logs.map((log) =>
    log.addEntry(entry, { signal: combined }).then(
      (logged) =>
        findLogs(trustedLogs, logged.logId.keyId).length > 0 ? logged : fail(unknownLog(log, logged)),
      (error) => fail(serviceFailure('ERR_TRANSPARENCY_LOG', log.name, error)),
    ),
  );
  const timestamping = timestampSources.map((source) =>
    source.timestamp({ signature, signal: combined }).then(
      (evidence) => evidence,
      (error) => fail(serviceFailure('ERR_TIMESTAMP_AUTHORITY', source.name, error)),
    ),
  );
  // Promise.all rejects with the first failure; the others were cancelled by then.
  const [entries, evidence] = await Promise.all([Promise.all(logging), Promise.all(timestamping)]);
  witnessed.tlogEntries.push(...entries);
  for (const item of evidence) {
    if (item.kind === 'rfc3161') witnessed.rfc3161Timestamps.push(item.signedTimestamp);
    else witnessed.tlogEntries.push(item.entry);
  }
  return witnessed;
}

/** A log whose entries no verifier of this trusted root would accept, named before anything else runs. */
function unknownLog(log: TransparencyLogClient, entry: TransparencyLogEntry): SigningError {
  return new SigningError(
    'ERR_TRANSPARENCY_LOG',
    `${log.name}: its entry is signed with log ID ${toHex(entry.logId.keyId)}, which the trusted root does not list; is the trusted root the one of this log?`,
  );
}

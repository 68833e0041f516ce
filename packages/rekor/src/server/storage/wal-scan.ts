import type { AppendFile } from './append-file.js';
import {
  checksumMatches,
  decodePayload,
  type EntryRecord,
  payloadLength,
  RECORD_HEADER_BYTES,
} from './entry-record.js';

/**
 * Reads the write-ahead log from `from`, calling `visit` for each whole record, and stops at the
 * first one that is cut short, has an impossible length, fails its checksum or does not decode.
 * Returns where that is: the end of the last good record.
 */
export function scanRecords(
  wal: AppendFile,
  from: number,
  visit: (record: EntryRecord, offset: number, length: number) => void,
): number {
  const end = wal.length;
  let pos = from;
  while (pos + RECORD_HEADER_BYTES <= end) {
    const header = wal.read(pos, RECORD_HEADER_BYTES);
    const length = payloadLength(header);
    if (length === undefined || pos + RECORD_HEADER_BYTES + length > end) break;
    const payload = wal.read(pos + RECORD_HEADER_BYTES, length);
    const record = checksumMatches(header, payload) ? decodePayload(payload) : undefined;
    if (!record) break;
    visit(record, pos, RECORD_HEADER_BYTES + length);
    pos += RECORD_HEADER_BYTES + length;
  }
  return pos;
}

import type { AppendFile } from './append-file.js';
import { decodePayload, type EntryRecord, RECORD_HEADER_BYTES } from './entry-record.js';
import type { OffsetsFile } from './offsets-file.js';
import { storageError } from './storage-error.js';

/** Reads and decodes entry `index`'s record from the write-ahead log through its offsets slot. */
export function readRecord(wal: AppendFile, offsets: OffsetsFile, index: number, dir: string): EntryRecord {
  const { offset, length } = offsets.at(index);
  const record = decodePayload(wal.read(offset, length).subarray(RECORD_HEADER_BYTES));
  if (!record) throw storageError(`log entry ${index} is unreadable in ${dir}`);
  return record;
}

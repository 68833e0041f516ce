import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { SlotTable } from './slot-table.js';

const MAGIC = 0x4b4c4844; // "KLHD"
const VERSION = 1;
const SLOT_BYTES = 40;

/**
 * What the last storage checkpoint made durable: every derived file (offsets, tree levels, hash
 * tables) is complete and fsynced for the first `size` entries, which end at `walEnd` in the
 * write-ahead log. Recovery replays the log from there.
 */
export interface Head {
  sequence: number;
  size: number;
  walEnd: number;
}

/**
 * The head file holds two slots written alternately, each `magic | version | sequence | size |
 * walEnd | CRC-32`, so that a torn write of one slot leaves the other one readable.
 */
export function readHead(path: string): Head | undefined {
  if (!existsSync(path)) return undefined;
  const file = readFileSync(path);
  let best: Head | undefined;
  for (let slot = 0; (slot + 1) * SLOT_BYTES <= file.length; slot++) {
    const bytes = file.subarray(slot * SLOT_BYTES, (slot + 1) * SLOT_BYTES);
    if (bytes.readUInt32BE(0) !== MAGIC || bytes.readUInt32BE(4) !== VERSION) continue;
    if (crc32(bytes.subarray(0, SLOT_BYTES - 4)) !== bytes.readUInt32BE(SLOT_BYTES - 4)) continue;
    const head = { sequence: readU64(bytes, 8), size: readU64(bytes, 16), walEnd: readU64(bytes, 24) };
    if (!best || head.sequence > best.sequence) best = head;
  }
  return best;
}

/** Writes `head` into the slot its sequence number selects, and fsyncs. */
export function writeHead(path: string, head: Head): void {
  const bytes = Buffer.alloc(SLOT_BYTES);
  bytes.writeUInt32BE(MAGIC, 0);
  bytes.writeUInt32BE(VERSION, 4);
  writeU64(bytes, 8, head.sequence);
  writeU64(bytes, 16, head.size);
  writeU64(bytes, 24, head.walEnd);
  bytes.writeUInt32BE(crc32(bytes.subarray(0, SLOT_BYTES - 4)), SLOT_BYTES - 4);
  const fd = openSync(path, existsSync(path) ? 'r+' : 'w+', 0o644);
  try {
    const position = (head.sequence % 2) * SLOT_BYTES;
    let done = 0;
    while (done < SLOT_BYTES) done += writeSync(fd, bytes, done, SLOT_BYTES - done, position + done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function readU64(bytes: Buffer, at: number): number {
  return bytes.readUInt32BE(at) * 2 ** 32 + bytes.readUInt32BE(at + 4);
}

function writeU64(bytes: Buffer, at: number, value: number): void {
  bytes.writeUInt32BE(Math.floor(value / 2 ** 32), at);
  bytes.writeUInt32BE(value >>> 0, at + 4);
}

/** The state a log resumes from: its checkpoint and the hash tables written with it. */
export interface Checkpoint {
  head: Head;
  leafTable: SlotTable;
  keyTable: SlotTable;
}

/**
 * The last checkpoint of the log in `dir`, when its files still hold what it claims (the
 * write-ahead log reaches its end, the offsets and leaf hashes cover its size, both tables read).
 * Otherwise a checkpoint at size 0 with empty tables, so that the whole log is replayed.
 */
export function loadCheckpoint(
  dir: string,
  walLength: number,
  offsets: number,
  leafHashes: number,
): Checkpoint {
  const head = readHead(join(dir, 'head'));
  const leafTable = SlotTable.load(join(dir, 'leaf-index.tbl'));
  const keyTable = SlotTable.load(join(dir, 'key-index.tbl'));
  if (
    head &&
    leafTable &&
    keyTable &&
    walLength >= head.walEnd &&
    offsets >= head.size &&
    leafHashes >= head.size
  ) {
    return { head, leafTable, keyTable };
  }
  return {
    head: { sequence: head?.sequence ?? 0, size: 0, walEnd: 0 },
    leafTable: SlotTable.create(join(dir, 'leaf-index.tbl')),
    keyTable: SlotTable.create(join(dir, 'key-index.tbl')),
  };
}

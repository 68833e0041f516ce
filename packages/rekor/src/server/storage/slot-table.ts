import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

const MAGIC = 0x4b4c5354; // "KLST"
const VERSION = 1;
const HEADER_BYTES = 16;
const SLOT_BYTES = 16;
/** Slots per dirty-tracking page (4 KiB). */
const PAGE_SLOTS = 256;
const INITIAL_CAPACITY = 1024;

/**
 * An open-addressing hash table from a 64-bit fingerprint to a log index, held in memory and
 * written to its file only by {@link persist} (at log checkpoints). Slots are `fingerprint (8
 * bytes) | value + 1 (8 bytes)`, 0 meaning empty; linear probing; at most half full. Fingerprints
 * may collide, so every match is confirmed by the caller's `matches` callback against the log
 * itself.
 */
export class SlotTable {
  private readonly path: string;
  private slots: Buffer;
  private capacity: number;
  private count: number;
  private dirtyPages = new Set<number>();
  /** Set after a resize: the file must be rewritten whole, never patched. */
  private rewrite: boolean;

  private constructor(path: string, slots: Buffer, rewrite: boolean) {
    this.path = path;
    this.slots = slots;
    this.capacity = slots.length / SLOT_BYTES;
    this.rewrite = rewrite;
    let count = 0;
    for (let i = 0; i < this.capacity; i++) if (!this.isEmpty(i)) count++;
    this.count = count;
  }

  /** The table stored at `path`, or `undefined` when the file is missing or malformed. */
  static load(path: string): SlotTable | undefined {
    if (!existsSync(path)) return undefined;
    const file = readFileSync(path);
    if (file.length < HEADER_BYTES) return undefined;
    const capacity = file.readUInt32BE(8);
    if (
      file.readUInt32BE(0) !== MAGIC ||
      file.readUInt32BE(4) !== VERSION ||
      capacity < INITIAL_CAPACITY ||
      (capacity & (capacity - 1)) !== 0 ||
      file.length !== HEADER_BYTES + capacity * SLOT_BYTES
    ) {
      return undefined;
    }
    return new SlotTable(path, file.subarray(HEADER_BYTES), false);
  }

  /** An empty table that will be written to `path`. */
  static create(path: string): SlotTable {
    return new SlotTable(path, Buffer.alloc(INITIAL_CAPACITY * SLOT_BYTES), true);
  }

  get size(): number {
    return this.count;
  }

  /** The first value under fingerprint `hi:lo` that `matches` accepts. */
  lookup(hi: number, lo: number, matches: (value: number) => boolean): number | undefined {
    const mask = this.capacity - 1;
    for (let i = lo & mask; ; i = (i + 1) & mask) {
      if (this.isEmpty(i)) return undefined;
      if (this.fingerprintIs(i, hi, lo)) {
        const value = this.valueAt(i);
        if (matches(value)) return value;
      }
    }
  }

  /**
   * Stores `update(old)` under fingerprint `hi:lo`, where `old` is the value `matches` accepts
   * (or `undefined` for a new key). Returns `old`.
   */
  put(
    hi: number,
    lo: number,
    matches: (value: number) => boolean,
    update: (old: number | undefined) => number,
  ): number | undefined {
    if ((this.count + 1) * 2 > this.capacity) this.grow();
    const mask = this.capacity - 1;
    for (let i = lo & mask; ; i = (i + 1) & mask) {
      if (this.isEmpty(i)) {
        this.write(i, hi, lo, update(undefined));
        this.count++;
        return undefined;
      }
      if (this.fingerprintIs(i, hi, lo)) {
        const old = this.valueAt(i);
        if (matches(old)) {
          const next = update(old);
          if (next !== old) this.write(i, hi, lo, next);
          return old;
        }
      }
    }
  }

  /** Writes the changes since the last call to the file and fsyncs it. */
  persist(): void {
    if (this.rewrite) {
      const temp = `${this.path}.tmp`;
      const fd = openSync(temp, 'w', 0o644);
      try {
        writeAll(fd, header(this.capacity), 0);
        writeAll(fd, this.slots, HEADER_BYTES);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.path);
      syncDirectory(dirname(this.path));
      this.rewrite = false;
      this.dirtyPages.clear();
      return;
    }
    if (this.dirtyPages.size === 0) return;
    const fd = openSync(this.path, 'r+');
    try {
      const pageBytes = PAGE_SLOTS * SLOT_BYTES;
      for (const page of [...this.dirtyPages].sort((a, b) => a - b)) {
        const start = page * pageBytes;
        writeAll(fd, this.slots.subarray(start, start + pageBytes), HEADER_BYTES + start);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.dirtyPages.clear();
  }

  private grow(): void {
    const old = this.slots;
    const oldCapacity = this.capacity;
    this.capacity = oldCapacity * 2;
    this.slots = Buffer.alloc(this.capacity * SLOT_BYTES);
    const mask = this.capacity - 1;
    for (let j = 0; j < oldCapacity; j++) {
      const at = j * SLOT_BYTES;
      if (old.readUInt32BE(at + 8) === 0 && old.readUInt32BE(at + 12) === 0) continue;
      let i = old.readUInt32BE(at + 4) & mask;
      while (!this.isEmpty(i)) i = (i + 1) & mask;
      old.copy(this.slots, i * SLOT_BYTES, at, at + SLOT_BYTES);
    }
    this.rewrite = true;
  }

  private isEmpty(i: number): boolean {
    const at = i * SLOT_BYTES;
    return this.slots.readUInt32BE(at + 8) === 0 && this.slots.readUInt32BE(at + 12) === 0;
  }

  private fingerprintIs(i: number, hi: number, lo: number): boolean {
    const at = i * SLOT_BYTES;
    return this.slots.readUInt32BE(at) === hi && this.slots.readUInt32BE(at + 4) === lo;
  }

  private valueAt(i: number): number {
    const at = i * SLOT_BYTES;
    return this.slots.readUInt32BE(at + 8) * 2 ** 32 + this.slots.readUInt32BE(at + 12) - 1;
  }

  private write(i: number, hi: number, lo: number, value: number): void {
    const at = i * SLOT_BYTES;
    const stored = value + 1;
    this.slots.writeUInt32BE(hi, at);
    this.slots.writeUInt32BE(lo, at + 4);
    this.slots.writeUInt32BE(Math.floor(stored / 2 ** 32), at + 8);
    this.slots.writeUInt32BE(stored >>> 0, at + 12);
    if (!this.rewrite) this.dirtyPages.add(Math.floor(i / PAGE_SLOTS));
  }
}

function header(capacity: number): Buffer {
  const out = Buffer.alloc(HEADER_BYTES);
  out.writeUInt32BE(MAGIC, 0);
  out.writeUInt32BE(VERSION, 4);
  out.writeUInt32BE(capacity, 8);
  return out;
}

function writeAll(fd: number, bytes: Buffer, position: number): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
}

/** fsyncs a directory so that a rename inside it is durable. */
export function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

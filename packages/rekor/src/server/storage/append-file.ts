import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';

/**
 * A file that only grows at its end. Appends are copied into a staging buffer and written out
 * when it fills or on {@link flush}; reads see staged bytes too (they flush first), so callers
 * never care what is on disk yet. Nothing here is durable before {@link sync}.
 */
export class AppendFile {
  readonly path: string;
  private readonly fd: number;
  private readonly stageBytes: number;
  private stage: Buffer | undefined;
  private staged = 0;
  /** Logical length, staged bytes included. */
  private end: number;
  private written: number;
  private unsynced = false;
  /** Bumped by every write, so an fsync started earlier cannot vouch for later writes. */
  private writes = 0;

  /** Opens (creating if needed) `path`; `stageBytes` is the size of its append buffer. */
  constructor(path: string, stageBytes = 256 * 1024) {
    this.path = path;
    this.stageBytes = stageBytes;
    // Created if missing, then opened 'r+': Linux ignores the position of writes in append mode.
    closeSync(openSync(path, 'a'));
    this.fd = openSync(path, 'r+');
    this.end = fstatSync(this.fd).size;
    this.written = this.end;
  }

  /** Length in bytes, staged appends included. */
  get length(): number {
    return this.end;
  }

  /** Appends a copy of `bytes` at the end; returns the offset it starts at. */
  append(bytes: Uint8Array): number {
    const at = this.end;
    if (bytes.length > this.stageBytes - this.staged) {
      this.flush();
      if (bytes.length > this.stageBytes) {
        this.writeAt(bytes, this.written);
        this.end += bytes.length;
        return at;
      }
    }
    this.stage ??= Buffer.allocUnsafe(this.stageBytes);
    this.stage.set(bytes, this.staged);
    this.staged += bytes.length;
    this.end += bytes.length;
    return at;
  }

  /** Writes staged appends to the file (to the page cache; see {@link sync}). */
  flush(): void {
    if (this.staged === 0 || !this.stage) return;
    const length = this.staged;
    this.staged = 0;
    this.writeAt(this.stage.subarray(0, length), this.written);
  }

  /** Reads exactly `length` bytes at `position`; throws when the file is shorter. */
  read(position: number, length: number): Buffer {
    if (position + length > this.end) {
      throw new RangeError(`read of ${length} bytes at ${position} passes the end of ${this.path}`);
    }
    if (position + length > this.written) this.flush();
    const out = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, out, done, length - done, position + done);
      if (n === 0) throw new RangeError(`unexpected end of ${this.path}`);
      done += n;
    }
    return out;
  }

  /** Cuts the file to `length` bytes, dropping staged appends past it. */
  truncate(length: number): void {
    this.flush();
    if (length >= this.end) return;
    ftruncateSync(this.fd, length);
    this.end = length;
    this.written = length;
    this.unsynced = true;
    this.writes++;
  }

  /** Flushes and fsyncs, when anything changed since the last sync. */
  sync(): void {
    this.flush();
    if (!this.unsynced) return;
    fsyncSync(this.fd);
    this.unsynced = false;
  }

  /**
   * Flushes, then hands out the descriptor and a write stamp for an asynchronous fsync by the
   * owner, who reports back with {@link markSynced}.
   */
  prepareSync(): { fd: number; stamp: number } {
    this.flush();
    return { fd: this.fd, stamp: this.writes };
  }

  /** Records an fsync of the descriptor begun at `stamp`; later writes stay unsynced. */
  markSynced(stamp: number): void {
    if (stamp === this.writes) this.unsynced = false;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private writeAt(bytes: Uint8Array, position: number): void {
    let done = 0;
    while (done < bytes.length) {
      done += writeSync(this.fd, bytes, done, bytes.length - done, position + done);
    }
    this.written = position + bytes.length;
    this.unsynced = true;
    this.writes++;
  }
}

import { AppendFile } from './append-file.js';

const SLOT_BYTES = 16;

/** Where each entry's record is in the write-ahead log: per entry `u64 offset | u32 length | u32 0`. */
export class OffsetsFile {
  private readonly file: AppendFile;
  /** Reused to build slots, which the file copies. */
  private readonly scratch = Buffer.alloc(SLOT_BYTES);

  constructor(path: string) {
    this.file = new AppendFile(path);
  }

  /** Whole slots stored. */
  get count(): number {
    return Math.floor(this.file.length / SLOT_BYTES);
  }

  append(offset: number, length: number): void {
    const slot = this.scratch;
    slot.writeUInt32BE(Math.floor(offset / 2 ** 32), 0);
    slot.writeUInt32BE(offset >>> 0, 4);
    slot.writeUInt32BE(length, 8);
    slot.writeUInt32BE(0, 12);
    this.file.append(slot);
  }

  at(index: number): { offset: number; length: number } {
    const slot = this.file.read(index * SLOT_BYTES, SLOT_BYTES);
    return { offset: slot.readUInt32BE(0) * 2 ** 32 + slot.readUInt32BE(4), length: slot.readUInt32BE(8) };
  }

  /** Keeps the first `count` slots. */
  truncate(count: number): void {
    this.file.truncate(count * SLOT_BYTES);
  }

  flush(): void {
    this.file.flush();
  }

  sync(): void {
    this.file.sync();
  }

  close(): void {
    this.file.close();
  }
}

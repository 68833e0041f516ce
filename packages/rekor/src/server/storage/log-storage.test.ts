import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyConsistencyProof } from '../../merkle/consistency.js';
import { hashLeaf } from '../../merkle/hash.js';
import { verifyInclusionProof } from '../../merkle/inclusion.js';
import { consistencyPath, inclusionPath, merkleTreeHash } from '../../merkle/tree.js';
import { LogStorage } from './log-storage.js';

const dirs: string[] = [];
const open: LogStorage[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-log-storage-'));
  dirs.push(dir);
  return dir;
}

function openLog(dir: string, options?: Parameters<typeof LogStorage.open>[1]): LogStorage {
  const log = LogStorage.open(dir, options);
  open.push(log);
  return log;
}

afterEach(async () => {
  for (const log of open.splice(0)) await log.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const leaf = (i: number) => Buffer.from(`entry ${i}`);
const hex = (hashes: readonly Uint8Array[]) => hashes.map((h) => Buffer.from(h).toString('hex'));

async function fill(log: LogStorage, from: number, to: number, keys?: (i: number) => string[]) {
  const appended = [];
  for (let i = from; i < to; i++)
    appended.push(log.append({ leaf: leaf(i), integratedTime: 1000 + i, keys: keys?.(i) }));
  await Promise.all(appended.map((a) => a.durable));
}

describe('LogStorage proofs', () => {
  it('matches the reference tree hash, audit paths and consistency proofs for every size up to 70', async () => {
    const log = openLog(tempDir());
    const leaves: Uint8Array[] = [];
    for (let n = 1; n <= 70; n++) {
      await log.append({ leaf: leaf(n - 1) }).durable;
      leaves.push(hashLeaf(leaf(n - 1)));
      expect(Buffer.from(log.rootHash(n))).toEqual(Buffer.from(merkleTreeHash(leaves)));
      for (let i = 0; i < n; i++)
        expect(hex(log.inclusionProof(i, n))).toEqual(hex(inclusionPath(leaves, i)));
      for (let m = 0; m <= n; m++)
        expect(hex(log.consistencyProof(m, n))).toEqual(hex(consistencyPath(leaves, m)));
    }
  });

  it('answers proofs for older tree sizes of a larger tree', async () => {
    const log = openLog(tempDir());
    await fill(log, 0, 300);
    const leaves = Array.from({ length: 300 }, (_, i) => hashLeaf(leaf(i)));
    for (const size of [1, 2, 3, 64, 65, 127, 200, 299]) {
      const prefix = leaves.slice(0, size);
      expect(Buffer.from(log.rootHash(size))).toEqual(Buffer.from(merkleTreeHash(prefix)));
      expect(hex(log.inclusionProof(size - 1, size))).toEqual(hex(inclusionPath(prefix, size - 1)));
      expect(hex(log.consistencyProof(size, 300))).toEqual(hex(consistencyPath(leaves, size)));
    }
  });

  it('refuses proofs for sizes it has not published', async () => {
    const log = openLog(tempDir());
    await fill(log, 0, 3);
    expect(() => log.inclusionProof(3, 3)).toThrow(RangeError);
    expect(() => log.consistencyProof(1, 4)).toThrow(RangeError);
  });
});

describe('LogStorage entries', () => {
  it('reads an entry back by index with its integrated time and keys', async () => {
    const log = openLog(tempDir());
    await fill(log, 0, 5, (i) => [`k${i}`]);
    const entry = log.entry(3);
    expect(Buffer.from(entry.leaf).toString()).toBe('entry 3');
    expect(entry.integratedTime).toBe(1003);
    expect(entry.keys).toEqual(['k3']);
    expect(Buffer.from(entry.leafHash)).toEqual(Buffer.from(hashLeaf(leaf(3))));
  });

  it('finds an entry by leaf hash and misses an unknown one', async () => {
    const log = openLog(tempDir());
    await fill(log, 0, 50);
    expect(log.indexOfLeafHash(hashLeaf(leaf(42)))).toBe(42);
    expect(log.indexOfLeafHash(hashLeaf(leaf(50)))).toBeUndefined();
  });

  it('finds a not yet durable entry by leaf hash, so duplicates can be refused at once', () => {
    const log = openLog(tempDir());
    log.append({ leaf: leaf(0) });
    expect(log.indexOfLeafHash(hashLeaf(leaf(0)))).toBe(0);
    expect(log.size).toBe(0);
  });

  it('lists the entries of a secondary-index key newest first', async () => {
    const log = openLog(tempDir());
    await fill(log, 0, 30, (i) => [`mod3:${i % 3}`, `id:${i}`]);
    expect(log.entriesWithKey('mod3:1')).toEqual([28, 25, 22, 19, 16, 13, 10, 7, 4, 1]);
    expect(log.entriesWithKey('id:17')).toEqual([17]);
    expect(log.entriesWithKey('absent')).toEqual([]);
    expect(log.entriesWithKey('mod3:0', 2)).toEqual([27, 24]);
  });

  it('publishes an entry only once it is durable', async () => {
    const log = openLog(tempDir());
    const { durable } = log.append({ leaf: leaf(0), keys: ['k'] });
    expect(log.entriesWithKey('k')).toEqual([]);
    await durable;
    expect(log.size).toBe(1);
    expect(log.entriesWithKey('k')).toEqual([0]);
  });

  it('commits appends made in one tick with one fsync', async () => {
    const log = openLog(tempDir());
    const appended = Array.from({ length: 100 }, (_, i) => log.append({ leaf: leaf(i) }));
    let settled = 0;
    for (const a of appended) void a.durable.then(() => settled++);
    await appended[0]!.durable;
    await Promise.resolve();
    expect(settled).toBe(100);
  });
});

describe('LogStorage durability', () => {
  it('reopens with the same size, root, entries and indexes after a clean close', async () => {
    const dir = tempDir();
    const log = LogStorage.open(dir);
    await fill(log, 0, 40, (i) => [`mod4:${i % 4}`]);
    const root = Buffer.from(log.rootHash());
    await log.close();
    const again = openLog(dir);
    expect(again.size).toBe(40);
    expect(Buffer.from(again.rootHash())).toEqual(root);
    expect(again.indexOfLeafHash(hashLeaf(leaf(39)))).toBe(39);
    expect(again.entriesWithKey('mod4:2')).toEqual([38, 34, 30, 26, 22, 18, 14, 10, 6, 2]);
    await fill(again, 40, 41, () => ['mod4:0']);
    expect(again.entriesWithKey('mod4:0')[0]).toBe(40);
  });

  it('recovers every durable entry when the process dies between checkpoints', async () => {
    const dir = tempDir();
    const log = openLog(dir, { checkpointEntries: 1_000_000, checkpointDelayMs: 60_000 });
    await fill(log, 0, 10, (i) => [`mod2:${i % 2}`]);
    await log.close();
    await fill(openLog(dir, { checkpointEntries: 1_000_000, checkpointDelayMs: 60_000 }), 10, 25, (i) => [
      `mod2:${i % 2}`,
    ]);
    // A copy taken now is the directory a crash would leave: entries fsynced, no checkpoint since 10.
    const crashed = tempDir();
    cpSync(dir, crashed, { recursive: true });
    const recovered = openLog(crashed);
    expect(recovered.size).toBe(25);
    expect(Buffer.from(recovered.rootHash())).toEqual(
      Buffer.from(merkleTreeHash(Array.from({ length: 25 }, (_, i) => hashLeaf(leaf(i))))),
    );
    expect(recovered.entriesWithKey('mod2:1')).toEqual([23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1]);
    expect(recovered.indexOfLeafHash(hashLeaf(leaf(24)))).toBe(24);
  });

  it('cuts garbage appended to every data file and keeps appending', async () => {
    const dir = tempDir();
    const log = LogStorage.open(dir);
    await fill(log, 0, 20, (i) => [`k${i % 2}`]);
    const root = Buffer.from(log.rootHash());
    await log.close();
    for (const file of ['entries.wal', 'offsets.bin', 'tree/level-00.bin', 'tree/level-02.bin']) {
      appendFileSync(join(dir, file), Buffer.from('\x00\x00\x00\x30garbage that is not a record'));
    }
    const again = openLog(dir);
    expect(again.size).toBe(20);
    expect(Buffer.from(again.rootHash())).toEqual(root);
    await fill(again, 20, 33, (i) => [`k${i % 2}`]);
    const leaves = Array.from({ length: 33 }, (_, i) => hashLeaf(leaf(i)));
    expect(hex(again.inclusionProof(5))).toEqual(hex(inclusionPath(leaves, 5)));
    expect(again.entriesWithKey('k0').slice(0, 2)).toEqual([32, 30]);
    expect(Buffer.from(again.entry(32).leaf).toString()).toBe('entry 32');
  });

  it('drops a torn last record and keeps the entries before it', async () => {
    const dir = tempDir();
    const log = LogStorage.open(dir, { checkpointEntries: 1_000_000, checkpointDelayMs: 60_000 });
    await fill(log, 0, 12);
    await log.close();
    const more = LogStorage.open(dir, { checkpointEntries: 1_000_000, checkpointDelayMs: 60_000 });
    await fill(more, 12, 15);
    const crashed = tempDir();
    cpSync(dir, crashed, { recursive: true });
    await more.close();
    const wal = join(crashed, 'entries.wal');
    truncateSync(wal, statSync(wal).size - 3);
    const recovered = openLog(crashed);
    expect(recovered.size).toBe(14);
    expect(Buffer.from(recovered.entry(13).leaf).toString()).toBe('entry 13');
    await fill(recovered, 14, 16);
    expect(Buffer.from(recovered.rootHash())).toEqual(
      Buffer.from(merkleTreeHash(Array.from({ length: 16 }, (_, i) => hashLeaf(leaf(i))))),
    );
  });

  it('stops replay at a record whose checksum fails', async () => {
    const dir = tempDir();
    const log = LogStorage.open(dir, { checkpointEntries: 1_000_000, checkpointDelayMs: 60_000 });
    await fill(log, 0, 8);
    const crashed = tempDir();
    cpSync(dir, crashed, { recursive: true });
    await log.close();
    const wal = join(crashed, 'entries.wal');
    const bytes = readFileSync(wal);
    bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 0xff;
    writeFileSync(wal, bytes);
    const recovered = openLog(crashed);
    expect(recovered.size).toBe(7);
  });

  it('rebuilds every derived file from the write-ahead log when the head is lost', async () => {
    const dir = tempDir();
    const log = LogStorage.open(dir);
    await fill(log, 0, 21, (i) => [`k${i % 5}`]);
    const root = Buffer.from(log.rootHash());
    await log.close();
    rmSync(join(dir, 'head'));
    rmSync(join(dir, 'key-index.tbl'));
    truncateSync(join(dir, 'tree/level-01.bin'), 7);
    const again = openLog(dir);
    expect(again.size).toBe(21);
    expect(Buffer.from(again.rootHash())).toEqual(root);
    expect(again.entriesWithKey('k3')).toEqual([18, 13, 8, 3]);
  });

  it('keeps old entries provable against later trees across restarts', async () => {
    const dir = tempDir();
    const first = LogStorage.open(dir);
    await fill(first, 0, 9);
    const oldRoot = first.rootHash();
    const oldProof = first.inclusionProof(4);
    await first.close();
    const second = openLog(dir);
    await fill(second, 9, 30);
    expect(() =>
      verifyInclusionProof({
        logIndex: 4,
        treeSize: 9,
        leafHash: hashLeaf(leaf(4)),
        hashes: oldProof,
        rootHash: oldRoot,
      }),
    ).not.toThrow();
    expect(() =>
      verifyConsistencyProof({
        size1: 9,
        size2: 30,
        root1: oldRoot,
        root2: second.rootHash(),
        hashes: second.consistencyProof(9),
      }),
    ).not.toThrow();
  });
});

describe('LogStorage bulk loading', () => {
  it('builds a 100k-leaf tree in one batch and proves its leaves', async () => {
    const log = openLog(tempDir());
    const count = 100_000;
    const size = await log.appendBatch(
      (function* () {
        for (let i = 0; i < count; i++) yield { leaf: leaf(i) };
      })(),
    );
    expect(size).toBe(count);
    const root = log.rootHash();
    for (const i of [0, 1, 65_535, 65_536, 99_999]) {
      verifyInclusionProof({
        logIndex: i,
        treeSize: count,
        leafHash: hashLeaf(leaf(i)),
        hashes: log.inclusionProof(i),
        rootHash: root,
      });
    }
    expect(log.indexOfLeafHash(hashLeaf(leaf(77_777)))).toBe(77_777);
  });
});

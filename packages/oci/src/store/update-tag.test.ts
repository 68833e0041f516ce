import { CoreError } from '@keyless/core';
import { describe, expect, it } from 'vitest';
import { computeDigest } from '../digest/digest.js';
import { OciError } from '../errors.js';
import { parseManifest } from '../manifest/parse.js';
import type { StoredManifest } from '../manifest/types.js';
import { OCI_INDEX } from '../media-types.js';
import type { ImageStore } from './image-store.js';
import { updateTag } from './update-tag.js';

const encoder = new TextEncoder();

/** An in-memory registry-like store (no exclusive access) whose `afterPut` hook can interfere. */
function memoryStore(afterPut?: (tag: string, write: (items: string[]) => void) => void) {
  const tags = new Map<string, Uint8Array>();
  let puts = 0;
  const encode = (items: string[]) =>
    encoder.encode(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [], items }));
  const stored = (bytes: Uint8Array): StoredManifest => ({
    descriptor: { mediaType: OCI_INDEX, digest: computeDigest(bytes), size: bytes.byteLength },
    bytes,
    parsed: parseManifest(bytes),
  });
  const store: ImageStore = {
    kind: 'registry',
    name: 'memory',
    async getManifest(tag) {
      const bytes = tags.get(tag);
      return bytes ? stored(bytes) : undefined;
    },
    async resolve(tag) {
      const bytes = tags.get(tag);
      return bytes ? stored(bytes).descriptor : undefined;
    },
    async putManifest(bytes, _mediaType, tag) {
      puts++;
      tags.set(tag!, bytes);
      afterPut?.(tag!, (items) => tags.set(tag!, encode(items)));
      return { descriptor: stored(bytes).descriptor, subjectIndexed: false };
    },
    getBlob: async () => undefined,
    putBlob: async (bytes) => ({ mediaType: 'x', digest: computeDigest(bytes), size: bytes.byteLength }),
    listReferrers: async () => undefined,
  };
  const items = (current: StoredManifest | undefined): string[] =>
    current ? (JSON.parse(new TextDecoder().decode(current.bytes)) as { items: string[] }).items : [];
  const add = (item: string) => ({
    merge: async (current: StoredManifest | undefined) =>
      items(current).includes(item)
        ? undefined
        : { bytes: encode([...items(current), item]), mediaType: OCI_INDEX },
    holds: (current: StoredManifest | undefined) => items(current).includes(item),
  });
  return { store, add, items: async (tag: string) => items(await store.getManifest(tag)), puts: () => puts };
}

const noWait = { sleep: async () => {}, minSettleMs: 0 };

describe('updateTag', () => {
  it('writes the merged manifest once when nobody interferes', async () => {
    const memory = memoryStore();
    const result = await updateTag(memory.store, 't', memory.add('a'), noWait);
    expect(result).toMatchObject({ rounds: 1, written: true });
    expect(await memory.items('t')).toEqual(['a']);
  });

  it('writes nothing when the tag already holds the addition', async () => {
    const memory = memoryStore();
    await updateTag(memory.store, 't', memory.add('a'), noWait);
    const result = await updateTag(memory.store, 't', memory.add('a'), noWait);
    expect(result.written).toBe(false);
    expect(memory.puts()).toBe(1);
  });

  it('merges again when another writer overwrote the addition from an older read', async () => {
    let interfered = false;
    const memory = memoryStore((_tag, write) => {
      // Another writer, who read before this write, lands its own version right after it.
      if (!interfered) {
        interfered = true;
        write(['other']);
      }
    });
    const result = await updateTag(memory.store, 't', memory.add('mine'), noWait);
    expect(result.rounds).toBe(2);
    expect(await memory.items('t')).toEqual(['other', 'mine']);
  });

  it('gives up with ERR_CONCURRENT_UPDATE when the addition keeps being dropped', async () => {
    const memory = memoryStore((_tag, write) => write(['other']));
    const error = await updateTag(memory.store, 't', memory.add('mine'), { ...noWait, attempts: 3 }).catch(
      (e: unknown) => e,
    );
    expect((error as OciError).code).toBe('ERR_CONCURRENT_UPDATE');
    expect(memory.puts()).toBe(3);
  });

  it('starts a new round when the registry refuses the PUT for a moment (DIGEST_INVALID)', async () => {
    const memory = memoryStore();
    const put = memory.store.putManifest.bind(memory.store);
    let refusals = 0;
    memory.store.putManifest = async (...args) => {
      if (refusals++ === 0) {
        const details = {
          failure: 'status',
          service: 'Registry',
          method: 'PUT',
          url: 'x',
          status: 400,
          attempts: 1,
          serverMessage: 'DIGEST_INVALID: provided digest did not match uploaded content',
        };
        throw new OciError('ERR_REGISTRY', 'refused', {
          cause: new CoreError('ERR_HTTP', 'refused', { cause: details }),
        });
      }
      return put(...args);
    };
    const result = await updateTag(memory.store, 't', memory.add('a'), noWait);
    expect(result.rounds).toBe(2);
    expect(await memory.items('t')).toEqual(['a']);
  });

  it('does not repeat a PUT the registry refuses for good', async () => {
    const memory = memoryStore();
    memory.store.putManifest = async () => {
      throw new OciError('ERR_REGISTRY_DENIED', 'denied');
    };
    await expect(updateTag(memory.store, 't', memory.add('a'), noWait)).rejects.toMatchObject({
      code: 'ERR_REGISTRY_DENIED',
    });
  });

  it('watches the tag at least minSettleMs after writing', async () => {
    const waited: number[] = [];
    const memory = memoryStore();
    await updateTag(memory.store, 't', memory.add('a'), {
      minSettleMs: 300,
      sleep: async (ms) => {
        waited.push(ms);
      },
    });
    expect(waited.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(300);
  });
});

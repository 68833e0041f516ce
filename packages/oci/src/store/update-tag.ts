import { OciError } from '../errors.js';
import type { Descriptor, StoredManifest } from '../manifest/types.js';
import { isTransientManifestRejection } from '../registry/http-errors.js';
import type { ImageStore } from './image-store.js';

/** A read-modify-write of one tag. */
export interface TagUpdate {
  /**
   * The manifest to write given what the tag holds now (`undefined`: nothing yet), or
   * `undefined` when it already holds everything this update adds. May upload blobs first.
   */
  merge(current: StoredManifest | undefined): Promise<{ bytes: Uint8Array; mediaType: string } | undefined>;
  /** Whether `current` holds everything this update adds (checked after writing). */
  holds(current: StoredManifest | undefined): boolean;
}

/** Tuning of {@link updateTag}; the defaults suit both a loopback and a remote registry. */
export interface TagUpdateOptions {
  /** Read-merge-write rounds before giving up with `ERR_CONCURRENT_UPDATE`. Default 25. */
  attempts?: number;
  /** Shortest time a write is watched for being overwritten. Default 200 ms. */
  minSettleMs?: number;
  /** The watch lasts this many times the round's own read-merge-write duration. Default 3. */
  settleFactor?: number;
  /** Sleeps; replaceable in tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** How a tag update ended. */
export interface TagUpdateResult {
  /** The tag's manifest that holds the update. */
  descriptor: Descriptor;
  /** Rounds it took (1 without contention). */
  rounds: number;
  /** False when the tag already held everything, so nothing was written. */
  written: boolean;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Adds to the manifest a tag points at (cosign's `.sig` tag, the referrers fallback index) so
 * that concurrent writers keep each other's additions.
 *
 * A store with exclusive access (a layout's lock file) runs read-merge-write once under the lock.
 *
 * A registry offers no compare-and-swap on tags (distribution ignores `If-Match`), so the last
 * PUT of a tag wins and can drop what another writer added in between. The protocol:
 * 1. read the tag, merge this update into what it holds (uploading blobs), read the tag again and
 *    re-merge if it moved meanwhile, then PUT the result;
 * 2. watch the tag for a settle window (at least `minSettleMs`, and `settleFactor` times the
 *    round's own read-merge-write time), re-reading it three times at spread-out moments;
 * 3. a PUT the registry refuses for a moment (distribution's `DIGEST_INVALID` while another
 *    writer links the same config blob) starts a new round too;
 * 4. if a re-read no longer holds this update, someone overwrote it from an older read: wait a
 *    random moment (so that writers stop moving in lockstep) and go back to 1, merging into what
 *    the tag holds now; after `attempts` rounds give up with `ERR_CONCURRENT_UPDATE`.
 *
 * A writer whose addition is overwritten did its read before this one's write landed, and writes
 * within one read-merge-write of that read; watching for several such durations therefore sees
 * any overwrite from a writer about as fast as this one, and the overwritten writer repairs it.
 * It is not proof against a writer far slower than the window, nor against a registry serving
 * stale reads; no client-side protocol can be without tag compare-and-swap.
 *
 * @example
 * ```ts
 * await updateTag(store, signatureTag(digest), {
 *   merge: async (current) => appendLayer(current, layer),
 *   holds: (current) => hasLayer(current, layer),
 * });
 * ```
 */
export async function updateTag(
  store: ImageStore,
  tag: string,
  update: TagUpdate,
  options: TagUpdateOptions = {},
): Promise<TagUpdateResult> {
  if (store.exclusive) {
    return store.exclusive(async () => {
      const current = await store.getManifest(tag);
      const next = await update.merge(current);
      if (!next) return { descriptor: current!.descriptor, rounds: 1, written: false };
      const { descriptor } = await store.putManifest(next.bytes, next.mediaType, tag);
      return { descriptor, rounds: 1, written: true };
    });
  }
  const attempts = options.attempts ?? 25;
  const minSettleMs = options.minSettleMs ?? 200;
  const settleFactor = options.settleFactor ?? 3;
  const sleep = options.sleep ?? defaultSleep;
  for (let round = 1; round <= attempts; round++) {
    const started = Date.now();
    let current = await store.getManifest(tag);
    let next = await update.merge(current);
    // A merge may upload blobs, which takes a while: re-read just before writing, so the PUT is
    // based on what the tag holds now and the window in which another writer can slip in between
    // is one read long, not one upload long.
    for (let reread = 0; next && reread < 3; reread++) {
      const fresh = await store.getManifest(tag);
      if (fresh?.descriptor.digest === current?.descriptor.digest) break;
      current = fresh;
      next = await update.merge(current);
    }
    if (!next) return { descriptor: current!.descriptor, rounds: round, written: false };
    let descriptor: Descriptor;
    try {
      ({ descriptor } = await store.putManifest(next.bytes, next.mediaType, tag));
    } catch (error) {
      if (round === attempts || !isTransientManifestRejection(error)) throw error;
      await sleep(Math.random() * Math.min(50 * round, 500));
      continue;
    }
    const settleMs = Math.max(minSettleMs, settleFactor * (Date.now() - started));
    let kept = true;
    for (const share of [1 / 3, 1 / 3, 1 / 3]) {
      await sleep(settleMs * share);
      if (!update.holds(await store.getManifest(tag))) {
        kept = false;
        break;
      }
    }
    if (kept) return { descriptor, rounds: round, written: true };
    await sleep(Math.random() * Math.min(50 * round, 500));
  }
  throw new OciError(
    'ERR_CONCURRENT_UPDATE',
    `${store.name}: tag ${tag} kept being overwritten by other writers; gave up after ${attempts} rounds`,
  );
}

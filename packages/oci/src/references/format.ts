import { LAYOUT_PREFIX } from './parse-layout-reference.js';
import type { ImageReference, RegistryReference } from './types.js';

/**
 * The repository's full name, `registry/repository`: what cosign writes as the payload's
 * `docker-reference` (`index.docker.io/library/alpine`).
 */
export function repositoryName(reference: RegistryReference): string {
  return `${reference.registry}/${reference.repository}`;
}

/**
 * The reference as text, in the form its parser reads back (tag and digest both kept).
 *
 * @example
 * ```ts
 * formatReference(parseImageReference('alpine')); // 'index.docker.io/library/alpine:latest'
 * ```
 */
export function formatReference(reference: ImageReference): string {
  if (reference.kind === 'layout') {
    const suffix = reference.digest ? `@${reference.digest}` : reference.tag ? `:${reference.tag}` : '';
    return `${LAYOUT_PREFIX}${reference.path}${suffix}`;
  }
  const tag = reference.tag !== undefined ? `:${reference.tag}` : '';
  const digest = reference.digest !== undefined ? `@${reference.digest}` : '';
  return `${repositoryName(reference)}${tag}${digest}`;
}

/** The same image pinned to `digest` (the tag is dropped: the digest is what was resolved). */
export function withDigest<T extends ImageReference>(reference: T, digest: string): T {
  const { tag: _tag, ...rest } = reference;
  return { ...rest, digest } as T;
}

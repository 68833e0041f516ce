import { parseDigest } from '../digest/digest.js';
import { OciError } from '../errors.js';
import type { RegistryReference } from './types.js';

/** Docker Hub's registry name, as cosign records it in `docker-reference`. */
export const DOCKER_HUB = 'index.docker.io';
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io']);

const DOMAIN_COMPONENT = '(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])';
const DOMAIN = new RegExp(
  `^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-f:.]+\\])(?::[0-9]{1,5})?$`,
);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const MAX_NAME_LENGTH = 255;

function invalid(input: string, why: string): OciError {
  return new OciError('ERR_REFERENCE_INVALID', `invalid image reference "${input.slice(0, 300)}": ${why}`);
}

/** Splits `name[:tag][@digest]` into its parts, without validating them. */
function split(input: string): { name: string; tag?: string; digest?: string } {
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    return {
      name: rest.slice(0, colon),
      tag: rest.slice(colon + 1),
      ...(digest !== undefined ? { digest } : {}),
    };
  }
  return { name: rest, ...(digest !== undefined ? { digest } : {}) };
}

/** Whether the first path segment names a registry host (as the Docker CLI decides it). */
function isDomain(segment: string): boolean {
  return (
    segment.includes('.') ||
    segment.includes(':') ||
    segment === 'localhost' ||
    segment !== segment.toLowerCase()
  );
}

/**
 * Parses a Docker-style image reference: `[registry[:port]/]repository[:tag][@digest]`. Without a
 * registry it is Docker Hub (`index.docker.io`), where one-segment names get `library/`; without
 * tag or digest the tag is `latest`.
 *
 * @example
 * ```ts
 * parseRegistryReference('alpine');
 * // { kind: 'registry', registry: 'index.docker.io', repository: 'library/alpine', tag: 'latest' }
 * parseRegistryReference('localhost:5000/app@sha256:' + 'a'.repeat(64)).digest; // 'sha256:aaa…'
 * ```
 */
export function parseRegistryReference(input: string): RegistryReference {
  if (input.length === 0) throw invalid(input, 'it is empty');
  if (/\s/.test(input)) throw invalid(input, 'it contains whitespace');
  const { name, tag, digest } = split(input);
  if (digest !== undefined && !parseDigest(digest)) {
    throw invalid(input, 'the digest must be sha256:<64 lowercase hex> or sha512:<128 lowercase hex>');
  }
  if (tag !== undefined && !TAG.test(tag)) {
    throw invalid(
      input,
      'a tag is 1-128 letters, digits, "_", "." or "-" and does not start with "." or "-"',
    );
  }
  const slash = name.indexOf('/');
  let registry = DOCKER_HUB;
  let repository = name;
  if (slash >= 0 && isDomain(name.slice(0, slash))) {
    registry = name.slice(0, slash).toLowerCase();
    repository = name.slice(slash + 1);
    if (!DOMAIN.test(registry)) throw invalid(input, `"${registry}" is not a registry host[:port]`);
    if (DOCKER_HUB_ALIASES.has(registry)) registry = DOCKER_HUB;
  }
  if (repository.length === 0) throw invalid(input, 'the repository name is empty');
  for (const component of repository.split('/')) {
    if (!PATH_COMPONENT.test(component)) {
      throw invalid(
        input,
        `repository path component "${component}" must be lowercase letters and digits separated by ".", "_", "__" or "-"`,
      );
    }
  }
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  if (registry.length + 1 + repository.length > MAX_NAME_LENGTH) {
    throw invalid(input, `the repository name is longer than ${MAX_NAME_LENGTH} characters`);
  }
  const reference: RegistryReference = { kind: 'registry', registry, repository };
  if (tag !== undefined) reference.tag = tag;
  if (digest !== undefined) reference.digest = digest;
  if (tag === undefined && digest === undefined) reference.tag = 'latest';
  return reference;
}

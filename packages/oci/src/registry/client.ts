import { createHttpClient, type HttpClient, type HttpClientOptions } from '@keyless/core/http';
import { RegistryAuthenticator } from '../auth/authenticator.js';
import type { CredentialProvider } from '../auth/credentials.js';
import { dockerConfigCredentials } from '../auth/docker-config.js';
import type { Descriptor } from '../manifest/types.js';
import { registryBaseUrl } from './base-url.js';
import { getBlob, hasBlob } from './blobs.js';
import type { RepositoryHandle } from './handle.js';
import {
  type FetchedManifest,
  getManifest,
  headManifest,
  type PutManifestResult,
  putManifest,
} from './manifests.js';
import { listReferrers } from './referrers.js';
import { type RegistryConnection, sendToRepository } from './transport.js';
import { type UploadOptions, type UploadResult, uploadBlob } from './upload.js';

const MIB = 1024 * 1024;

/** Settings of {@link createRegistryClient}. */
export interface RegistryClientOptions {
  /** Where credentials come from. Default: Docker's `config.json` (`DOCKER_CONFIG`), helpers included. */
  credentials?: CredentialProvider;
  /**
   * Allow plain HTTP to registries that are not on loopback (loopback always may use it). Give
   * `true` for every registry, or the hosts it applies to.
   */
  allowHttpRegistry?: boolean | readonly string[];
  /** Largest manifest accepted. Default 4 MiB, the limit registries commonly enforce. */
  maxManifestBytes?: number;
  /** Largest blob read into memory. Default 64 MiB. */
  maxBlobBytes?: number;
  /** Uploads larger than this are sent in chunks of this size. Default 16 MiB. */
  chunkSize?: number;
  /** Options of the HTTP layer (timeouts, retries, backoff, user agent, fetch). */
  http?: Omit<HttpClientOptions, 'service' | 'allowInsecureHttp' | 'maxResponseBytes'>;
}

/** One repository's API. */
export interface RepositoryClient {
  readonly registry: string;
  readonly repository: string;
  getManifest(reference: string): Promise<FetchedManifest | undefined>;
  headManifest(reference: string): Promise<Descriptor | undefined>;
  putManifest(bytes: Uint8Array, mediaType: string, reference?: string): Promise<PutManifestResult>;
  getBlob(digest: string): Promise<Uint8Array | undefined>;
  hasBlob(digest: string): Promise<boolean>;
  uploadBlob(bytes: Uint8Array, options?: UploadOptions): Promise<UploadResult>;
  listReferrers(digest: string, artifactType?: string): Promise<Descriptor[] | undefined>;
}

/** A client for OCI registries: create once, open repositories, close at the end. */
export interface RegistryClient {
  /**
   * A repository of a registry. `access` is the token scope asked for reads: `pull,push` when
   * the caller will also write, so that one token serves both.
   */
  repository(registry: string, repository: string, access?: 'pull' | 'pull,push'): RepositoryClient;
  close(): Promise<void>;
}

/**
 * Creates a registry client speaking the OCI distribution spec over the Keyless HTTP layer, with
 * Docker-style authentication (anonymous, Basic, Bearer tokens per scope).
 *
 * @example
 * ```ts
 * const client = createRegistryClient();
 * const repo = client.repository('ghcr.io', 'acme/app');
 * const manifest = await repo.getManifest('latest');
 * console.log(manifest?.descriptor.digest);
 * await client.close();
 * ```
 */
export function createRegistryClient(options: RegistryClientOptions = {}): RegistryClient {
  const credentials = options.credentials ?? dockerConfigCredentials();
  const httpFor = (maxResponseBytes: number, allowInsecureHttp: boolean): HttpClient =>
    createHttpClient({ ...options.http, service: 'Registry', maxResponseBytes, allowInsecureHttp });
  const clients: HttpClient[] = [];
  const connections = new Map<string, RegistryConnection>();
  const allowHttp = (registry: string) =>
    options.allowHttpRegistry === true ||
    (Array.isArray(options.allowHttpRegistry) && options.allowHttpRegistry.includes(registry));

  function connection(registry: string): RegistryConnection {
    const key = registry.toLowerCase();
    let found = connections.get(key);
    if (!found) {
      const insecure = allowHttp(key);
      const manifestHttp = httpFor(options.maxManifestBytes ?? 4 * MIB, insecure);
      const blobHttp = httpFor(options.maxBlobBytes ?? 64 * MIB, insecure);
      clients.push(manifestHttp, blobHttp);
      found = {
        registry: key,
        baseUrl: registryBaseUrl(key, insecure),
        authenticator: new RegistryAuthenticator({ registry: key, credentials, http: manifestHttp }),
        manifestHttp,
        blobHttp,
      };
      connections.set(key, found);
    }
    return found;
  }

  return {
    repository(registry, repository, access = 'pull') {
      const conn = connection(registry);
      const handle: RepositoryHandle = {
        registry: conn.registry,
        repository,
        baseUrl: conn.baseUrl,
        send: (request) => sendToRepository(conn, repository, access, request),
      };
      const chunkSize = options.chunkSize ?? 16 * MIB;
      return {
        registry: conn.registry,
        repository,
        getManifest: (reference) => getManifest(handle, reference),
        headManifest: (reference) => headManifest(handle, reference),
        putManifest: (bytes, mediaType, reference) => putManifest(handle, bytes, mediaType, reference),
        getBlob: (digest) => getBlob(handle, digest),
        hasBlob: (digest) => hasBlob(handle, digest),
        uploadBlob: (bytes, uploadOptions) => uploadBlob(handle, bytes, { chunkSize, ...uploadOptions }),
        listReferrers: (digest, artifactType) => listReferrers(handle, digest, artifactType),
      };
    },
    async close() {
      await Promise.all(clients.splice(0).map((c) => c.close()));
      connections.clear();
    },
  };
}

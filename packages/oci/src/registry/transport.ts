import type { HttpClient, HttpResponse } from '@keyless/core/http';
import { type RegistryAuthenticator, repositoryScope } from '../auth/authenticator.js';
import { OciError } from '../errors.js';
import { wrapHttpError } from './http-errors.js';
import { ociErrorOf } from './oci-error-body.js';

/** One request to a repository's API. */
export interface RegistryRequest {
  method?: string;
  /** Path below `/v2/<repository>/`, e.g. `manifests/latest`; or an absolute `url` (upload locations). */
  path?: string;
  url?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Statuses the caller handles; 401 and 403 are handled here. */
  expect: number[];
  /** Which client: manifests have a small size cap, blobs a large one. */
  kind: 'manifest' | 'blob';
  /** Whether the request needs push access (else pull). */
  push?: boolean;
  /** Further scopes, e.g. pull on the source repository of a mount. */
  extraScopes?: string[];
  idempotent?: boolean;
  /** What the request does, for messages: `GET manifest latest`. */
  what: string;
}

/** The shared parts every repository of one registry uses. */
export interface RegistryConnection {
  registry: string;
  baseUrl: string;
  authenticator: RegistryAuthenticator;
  manifestHttp: HttpClient;
  blobHttp: HttpClient;
}

/**
 * Sends a request to a repository, logging in on a 401 challenge and retrying once. The
 * registry's credentials are attached only to URLs on the registry's own origin: an upload
 * location on another host gets none.
 */
export async function sendToRepository(
  connection: RegistryConnection,
  repository: string,
  access: 'pull' | 'pull,push',
  request: RegistryRequest,
): Promise<HttpResponse> {
  const base = new URL(connection.baseUrl);
  const url = new URL(request.url ?? `/v2/${repository}/${request.path ?? ''}`, base);
  const sameOrigin = url.origin === base.origin;
  const actions = request.push ? 'pull,push' : access;
  const scopes = [repositoryScope(repository, actions), ...(request.extraScopes ?? [])];
  const http = request.kind === 'manifest' ? connection.manifestHttp : connection.blobHttp;
  const where = `${connection.registry}/${repository}: ${request.what}`;
  let authorization = sameOrigin ? await connection.authenticator.headerFor(scopes) : undefined;
  for (let attempt = 0; ; attempt++) {
    const headers: Record<string, string> = { ...request.headers };
    if (authorization) headers.authorization = authorization;
    let response: HttpResponse;
    try {
      response = await http.request({
        method: request.method ?? 'GET',
        url,
        headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        expect: [...request.expect, 401, 403],
        ...(request.idempotent !== undefined ? { idempotent: request.idempotent } : {}),
      });
    } catch (error) {
      throw wrapHttpError(
        error,
        where,
        request.kind === 'manifest' ? 'ERR_MANIFEST_TOO_LARGE' : 'ERR_REGISTRY',
      );
    }
    if (response.status === 401) {
      if (attempt > 0 || !sameOrigin) {
        throw new OciError(
          'ERR_REGISTRY_AUTH',
          `${where}: the registry refused the credentials (HTTP 401); log in with docker login or pass --registry-username/--registry-password`,
        );
      }
      authorization = await connection.authenticator.answer(response.headers.get('www-authenticate'), scopes);
      continue;
    }
    if (response.status === 403) {
      const said = ociErrorOf(response.body)?.message;
      throw new OciError(
        'ERR_REGISTRY_DENIED',
        `${where}: access denied (HTTP 403)${said ? `: ${said}` : ''}`,
      );
    }
    return response;
  }
}

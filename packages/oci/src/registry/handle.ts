import type { HttpResponse } from '@keyless/core/http';
import type { RegistryRequest } from './transport.js';

/** One repository of one registry, as the request functions see it. */
export interface RepositoryHandle {
  registry: string;
  repository: string;
  /** `https://host[:port]`: upload locations are resolved against it. */
  baseUrl: string;
  /** Sends a request below `/v2/<repository>/`, logging in as needed. */
  send(request: RegistryRequest): Promise<HttpResponse>;
}

/** `registry/repository`, for messages. */
export function handleName(handle: RepositoryHandle): string {
  return `${handle.registry}/${handle.repository}`;
}

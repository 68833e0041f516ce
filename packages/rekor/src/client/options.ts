import type { PreparedLog } from '@keyless/core';
import type { HttpClient } from '@keyless/core/http';

/** Options of {@link createRekorV1Client} and {@link createRekorV2Client}. */
export interface RekorClientOptions {
  /** The log's base URL, e.g. `https://rekor.sigstore.dev` (the API paths are appended). */
  baseUrl: string;
  /** The HTTP client to use; default one made for the service `Rekor` (closed by `close()`). */
  http?: HttpClient;
  /**
   * Trusted logs (e.g. `prepareTrustedRoot(root).tlogs`). When given, every entry and checkpoint
   * the log returns is verified against them before it is returned.
   */
  trust?: readonly PreparedLog[];
}

/** Options of one request. */
export interface RekorRequestOptions {
  signal?: AbortSignal;
}

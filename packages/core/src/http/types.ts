/** Delays between attempts. Every value is in milliseconds. */
export interface BackoffOptions {
  /** Delay before the first retry; it doubles on each further retry. Default 250. */
  baseDelayMs?: number;
  /** Upper bound of the exponential delay. Default 10 000. */
  maxDelayMs?: number;
  /** Longest `Retry-After` the client waits for; longer demands are cut to this. Default 60 000. */
  maxRetryAfterMs?: number;
}

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  /** Name of the remote service used in error messages, e.g. `Rekor`. Default `HTTP`. */
  service?: string;
  /** Deadline of one attempt, redirects and body included. Default 30 000 ms. */
  timeoutMs?: number;
  /** Deadline to open a TCP/TLS connection (capped by `timeoutMs`). Default 10 000 ms. */
  connectTimeoutMs?: number;
  /** Retries after the first attempt, for idempotent requests only. Default 3. */
  retries?: number;
  /** Backoff between retries; tests shrink it to keep them fast. */
  backoff?: BackoffOptions;
  /** `User-Agent` header. Default `keyless (node/<version>)`. */
  userAgent?: string;
  /** Allow plain `http://` to non-loopback hosts. Default false: only loopback may use http. */
  allowInsecureHttp?: boolean;
  /** Largest response body accepted, checked while reading. Default 32 MiB. */
  maxResponseBytes?: number;
  /**
   * The fetch implementation. Default: the global `fetch`, looked up on every request so that
   * request interceptors installed later (msw in tests) see the traffic.
   */
  fetch?: typeof fetch;
}

/** One HTTP request. */
export interface HttpRequest {
  /** Default `GET`. */
  method?: string;
  url: string | URL;
  /** Never logged. `Authorization`, `Cookie` and `Proxy-Authorization` are dropped on cross-origin redirects. */
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /**
   * Whether the request may be sent more than once. Default: true for GET, HEAD, OPTIONS, PUT and
   * DELETE, false otherwise. Set it on a POST whose repetition is harmless (e.g. a lookup).
   */
  idempotent?: boolean;
  /** Cancels the request; the rejection is the signal's `reason`, unchanged. */
  signal?: AbortSignal;
  /**
   * Statuses the caller handles itself. Default: any 2xx. A status listed here is returned as is:
   * never retried, never followed as a redirect, never turned into an error.
   */
  expect?: number[];
}

/** Options of the convenience methods: a request without its URL, method or body. */
export type HttpRequestInit = Omit<HttpRequest, 'url' | 'method' | 'body'>;

/** A response whose body has been read in full (within `maxResponseBytes`). */
export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The URL that answered, after redirects. */
  url: string;
  body: Uint8Array;
  /** The body decoded as UTF-8. */
  text(): string;
  /** The body parsed as JSON; a body that is not JSON throws `ERR_HTTP`. */
  json<T = unknown>(): T;
}

/** A client bound to one service; create it once and reuse it (it holds a connection pool). */
export interface HttpClient {
  /** Sends a request, retrying and following redirects as configured. */
  request(request: HttpRequest): Promise<HttpResponse>;
  /** GET with `Accept: application/json`; resolves to the parsed body. */
  getJson<T = unknown>(url: string | URL, init?: HttpRequestInit): Promise<T>;
  /** POST of `JSON.stringify(body)`; resolves to the parsed response body. */
  postJson<T = unknown>(url: string | URL, body: unknown, init?: HttpRequestInit): Promise<T>;
  /** GET; resolves to the raw body. */
  getBytes(url: string | URL, init?: HttpRequestInit): Promise<Uint8Array>;
  /** Closes the connection pool. Requests made afterwards open a new one. */
  close(): Promise<void>;
}

/** Why an HTTP request failed; see {@link HttpErrorDetails}. */
export type HttpFailure =
  /** The server answered with a status the request did not expect. */
  | 'status'
  /** An attempt passed `timeoutMs`. */
  | 'timeout'
  /** No response: connection refused or reset, DNS failure, TLS failure, invalid URL. */
  | 'network'
  /** Too many redirects, or a redirect without a usable `Location`. */
  | 'redirect'
  /** The URL (or a redirect target) breaks the transport policy: plain http, or another scheme. */
  | 'insecure'
  /** The body passed `maxResponseBytes`. */
  | 'too-large'
  /** `json()` on a body that is not JSON. */
  | 'invalid-json';

/**
 * Structured facts about a failed request, carried as the `cause` of the `CoreError` that the
 * HTTP layer throws (read it with {@link httpErrorDetails}). The URL never has its query string,
 * fragment or credentials, since those may hold secrets.
 */
export interface HttpErrorDetails {
  failure: HttpFailure;
  service: string;
  method: string;
  /** The URL without query string, fragment or user info. */
  url: string;
  /** Set when a response arrived. */
  status?: number;
  /** Response headers, when a response arrived (e.g. `WWW-Authenticate`, `Retry-After`). */
  headers?: Headers;
  /** What the server said, cut to one line of at most 200 characters. */
  serverMessage?: string;
  /** How many attempts were made. */
  attempts: number;
  /** The underlying error (network failure, abort reason), when there was one. */
  error?: unknown;
}

/** What the TUF fetcher needs from an HTTP response. */
export interface HttpGetResponse {
  status: number;
  body: ReadableStream<Uint8Array> | null;
}

const USER_AGENT = 'keyless (tuf)';

/**
 * The one place the TUF client touches the network: a plain GET that honours `signal`. Every
 * repository file (metadata and targets) goes through here.
 */
export async function httpGet(url: string, signal: AbortSignal): Promise<HttpGetResponse> {
  const response = await fetch(url, { signal, headers: { 'user-agent': USER_AGENT }, redirect: 'follow' });
  return { status: response.status, body: response.body };
}

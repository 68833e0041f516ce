/**
 * Just enough of a browser for the issuer's pages: follows nothing by itself, keeps cookies per
 * name (the issuer scopes them by path, which these flows never need to tell apart).
 */
export class CookieBrowser {
  readonly #cookies = new Map<string, string>();

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.#cookies.size > 0) {
      headers.set('cookie', [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    return response;
  }

  /** GETs `url` and follows redirects until one leaves `origin` or a page answers; returns the last response. */
  async follow(
    url: string,
    origin: string,
    init: RequestInit = {},
  ): Promise<{ response: Response; url: string }> {
    let current = url;
    let response = await this.request(current, init);
    for (let hops = 0; hops < 10 && response.status >= 300 && response.status < 400; hops++) {
      const location = new URL(response.headers.get('location')!, current).href;
      if (!location.startsWith(origin)) return { response, url: location };
      await response.arrayBuffer();
      current = location;
      response = await this.request(current);
    }
    return { response, url: current };
  }
}

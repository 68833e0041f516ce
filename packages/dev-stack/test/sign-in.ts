import { CookieBrowser } from './cookie-browser.js';

/** Reads the sign-in form off the page and submits it with `email`; returns the redirect target. */
export async function submitLogin(browser: CookieBrowser, base: string, page: string, email: string) {
  const action = /action="([^"]+\/login)"/.exec(page)?.[1];
  if (!action) throw new Error('no sign-in form on the page');
  const response = await browser.request(new URL(action, base).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email }).toString(),
  });
  if (response.status !== 303) throw new Error(`sign-in answered ${response.status}`);
  return browser.follow(new URL(response.headers.get('location')!, base).href, base);
}

/** The hidden fields and action of the form with id `id` (else the first form) in an HTML page. */
export function formFields(page: string, id?: string): { action: string; fields: URLSearchParams } {
  const start = id ? `<form id="${id.replace('.', '\\.')}"` : '<form';
  const form = new RegExp(`${start}[^>]*action="([^"]+)"[^>]*>([\\s\\S]*?)</form>`).exec(page);
  if (!form) throw new Error(`no form ${id ?? ''} on the page`);
  const fields = new URLSearchParams();
  for (const input of form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields.set(input[1]!, input[2]!);
  }
  return { action: form[1]!, fields };
}

/** POSTs a form's hidden fields to its action. */
export function postForm(browser: CookieBrowser, base: string, form: ReturnType<typeof formFields>) {
  return browser.request(new URL(form.action, base).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.fields.toString(),
  });
}

export { CookieBrowser };

import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '@keyless/core/server';
import type Provider from 'oidc-provider';
import { sendHtml } from '../http/respond.js';
import { errorPage, loginPage } from './pages.js';

/** Loose on purpose: the page takes whatever a developer types, it only has to look like an address. */
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+$/;

/** The sign-in form holds one email address. */
const MAX_FORM_BYTES = 64 * 1024;

/**
 * Serves the sign-in pages of pending authorization requests under `<mountPath>/interaction/`:
 * `GET <uid>` shows the form, `POST <uid>/login` signs in as the typed email, `POST <uid>/abort`
 * cancels. `path` is relative to the issuer (`/interaction/...`).
 */
export async function handleInteraction(
  provider: Provider,
  mountPath: string,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const [, , uid, action] = path.split('/');
  let details: Awaited<ReturnType<Provider['interactionDetails']>>;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    sendHtml(
      res,
      400,
      errorPage('This sign-in request has expired or was already completed.', 'Start again from your tool.'),
    );
    return;
  }
  if (details.uid !== uid) {
    sendHtml(res, 400, errorPage('This sign-in page does not belong to the pending request.'));
    return;
  }
  const base = `${mountPath}/interaction/${details.uid}`;
  const clientId = String(details.params.client_id ?? 'a client');
  if (req.method === 'GET' && action === undefined) {
    sendHtml(res, 200, loginPage(`${base}/login`, `${base}/abort`, clientId));
    return;
  }
  if (req.method !== 'POST' || (action !== 'login' && action !== 'abort')) {
    sendHtml(res, 404, errorPage('No such page.'));
    return;
  }
  if (action === 'abort') {
    await provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'the user cancelled the sign-in' },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  const form = await readBody(req, MAX_FORM_BYTES);
  if (form === undefined) return sendHtml(res, 413, errorPage('The form is too large.'));
  const email = (new URLSearchParams(form.toString('utf8')).get('email') ?? '').trim();
  if (!EMAIL.test(email) || email.length > 254) {
    sendHtml(res, 400, loginPage(`${base}/login`, `${base}/abort`, clientId, 'Type an email address.'));
    return;
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: email } },
    { mergeWithLastSubmission: false },
  );
}

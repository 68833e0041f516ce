import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { BodyTooLargeError, readForm } from '../http/read-body.js';
import { sendHtml } from '../http/respond.js';
import { errorPage, loginPage } from './pages.js';

/** Loose on purpose: the page takes whatever a developer types, it only has to look like an address. */
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+$/;

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
  let email: string;
  try {
    email = ((await readForm(req)).get('email') ?? '').trim();
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendHtml(res, 413, errorPage('The form is too large.'));
    throw error;
  }
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

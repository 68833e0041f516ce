/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}
.dev{background:#fff3cd;border:1px solid #e0b000;padding:.75rem 1rem;border-radius:.4rem;margin-bottom:1.5rem}
input[type=email],input[type=text]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;margin:.5rem 0 1rem}
button{padding:.5rem 1.25rem;font-size:1rem;margin-right:.5rem}
code{font-size:1.5rem}.error{color:#b00020}`;

/**
 * A page of the development issuer. Every page carries the same banner: this issuer vouches for
 * whatever anyone types, so a certificate it leads to proves nothing outside a test.
 */
export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} - Keyless development issuer</title><style>${STYLE}</style></head>
<body><div class="dev"><strong>Development issuer.</strong> Any email address is accepted without a
password. Identities from this issuer are for local testing only and prove nothing.</div>
<h1>${escapeHtml(title)}</h1>
${body}
</body></html>`;
}

/** The sign-in form of an authorization request: type any email address. */
export function loginPage(action: string, abortAction: string, clientId: string, error?: string): string {
  return page(
    'Sign in',
    `<p>Sign in to <strong>${escapeHtml(clientId)}</strong> as:</p>
${error ? `<p class="error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
<label for="email">Email address</label>
<input type="email" id="email" name="email" required autofocus placeholder="you@example.com">
<button type="submit">Sign in</button>
</form>
<form method="post" action="${escapeHtml(abortAction)}"><button type="submit">Cancel</button></form>`,
  );
}

/** The device flow's first page: where the user types the code the device shows. */
export function deviceInputPage(form: string, error?: string): string {
  return page(
    'Approve a device',
    `<p>Enter the code shown on your device.</p>
${error ? `<p class="error">${escapeHtml(error)}</p>` : ''}
${form}
<button type="submit" form="op.deviceInputForm">Continue</button>`,
  );
}

/** The device flow's confirmation: the code once more, and approve or abort. */
export function deviceConfirmPage(form: string, clientId: string, userCode: string): string {
  return page(
    'Approve a device',
    `<p><strong>${escapeHtml(clientId)}</strong> asks to sign in. Check that your device shows this code:</p>
<p><code>${escapeHtml(userCode)}</code></p>
${form}
<button type="submit" form="op.deviceConfirmForm">Approve</button>
<button type="submit" form="op.deviceConfirmForm" name="abort" value="yes">Abort</button>`,
  );
}

/** Shown once a device was approved. */
export function deviceSuccessPage(): string {
  return page('Device approved', '<p>You can close this page and return to your device.</p>');
}

/** An error the user can do something about (an expired request, a refused redirect). */
export function errorPage(error: string, description?: string): string {
  return page(
    'Sign-in failed',
    `<p class="error">${escapeHtml(error)}</p>${description ? `<p>${escapeHtml(description)}</p>` : ''}`,
  );
}

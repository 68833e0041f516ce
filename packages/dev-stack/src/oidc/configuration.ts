import { randomBytes } from 'node:crypto';
import { type Account, type Configuration, interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { createMemoryAdapter } from './memory-adapter.js';
import { deviceConfirmPage, deviceInputPage, deviceSuccessPage, errorPage } from './pages.js';
import type { IssuerSigningKey } from './signing-key.js';

/** The one client of the issuer: Sigstore tools sign in as this public client. */
export const SIGSTORE_CLIENT_ID = 'sigstore';

/** The grant type of the device authorization grant (RFC 8628). */
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** Accounts are email addresses: whoever signs in is who they typed. */
function findAccount(_ctx: KoaContextWithOIDC, id: string): Account {
  return { accountId: id, claims: () => ({ sub: id, email: id, email_verified: true }) };
}

/**
 * Signing in is consenting: the only client is the issuer's own tool, so a grant for the
 * `openid email` scopes is made on first use instead of asking the user again.
 */
async function loadExistingGrant(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const clientId = oidc.client!.clientId;
  const grantId =
    (oidc.result?.consent as { grantId?: string } | undefined)?.grantId ?? oidc.session!.grantIdFor(clientId);
  if (grantId) return oidc.provider.Grant.find(grantId);
  const grant = new oidc.provider.Grant({ clientId, accountId: oidc.session!.accountId! });
  grant.addOIDCScope('openid email');
  grant.addOIDCClaims(['email', 'email_verified']);
  await grant.save();
  return grant;
}

/**
 * The default prompts, without the consent screen native clients otherwise get on every sign-in:
 * the sign-in page already is the user's confirmation, and {@link loadExistingGrant} grants the scopes.
 */
function prompts() {
  const policy = interactionPolicy.base();
  policy.get('consent')?.checks.remove('native_client_prompt');
  return policy;
}

function html(ctx: KoaContextWithOIDC, body: string): void {
  ctx.type = 'html';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = body;
}

/**
 * The oidc-provider configuration of the development issuer mounted at `mountPath`: one public
 * client `sigstore` (PKCE S256 required, loopback redirects on any port), the authorization code
 * and device flows with the issuer's own sign-in pages, RS256 ID tokens carrying `email` and
 * `email_verified`, and state kept in memory.
 */
export function issuerConfiguration(signingKey: IssuerSigningKey, mountPath: string): Configuration {
  return {
    adapter: createMemoryAdapter(),
    clients: [
      {
        client_id: SIGSTORE_CLIENT_ID,
        client_name: 'Sigstore tools',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', DEVICE_CODE_GRANT],
        response_types: ['code'],
        // Placeholders: any loopback redirect is accepted (see the issuer's redirect check).
        redirect_uris: ['http://127.0.0.1/auth/callback', 'http://localhost/auth/callback'],
      },
    ],
    jwks: { keys: [signingKey.jwk as never] },
    findAccount,
    loadExistingGrant,
    scopes: ['openid', 'email'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    // Sigstore CAs read the email from the ID token itself, not from the userinfo endpoint.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { methods: ['S256'], required: () => true },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    clientBasedCORS: () => false,
    interactions: {
      policy: prompts(),
      url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      deviceFlow: {
        enabled: true,
        charset: 'base-20',
        mask: '****-****',
        userCodeInputSource: (ctx, form, out) =>
          html(
            ctx,
            deviceInputPage(form, out ? 'That code is unknown or has expired. Try again.' : undefined),
          ),
        userCodeConfirmSource: (ctx, form, client, _info, userCode) =>
          html(ctx, deviceConfirmPage(form, client.clientId, userCode)),
        successSource: (ctx) => html(ctx, deviceSuccessPage()),
      },
    },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      DeviceCode: 600,
      Interaction: 3600,
      Session: 86_400,
      Grant: 86_400,
    },
    renderError: (ctx, out) => {
      html(ctx, errorPage(out.error, out.error_description));
    },
  };
}

/** Where interactive flows print their instructions (never a token). `process.stderr` fits. */
export interface TextOutput {
  write(text: string): unknown;
}

/** Scopes asked for by the interactive flows: the ID token must carry the email. */
export const DEFAULT_SCOPE = 'openid email';

/** The client ID Sigstore's public-good and compatible issuers know the signing tools by. */
export const DEFAULT_CLIENT_ID = 'sigstore';

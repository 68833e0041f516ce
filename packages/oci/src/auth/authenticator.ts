import type { HttpClient } from '@keyless/core/http';
import { OciError } from '../errors.js';
import { type AuthChallenge, parseChallenges } from './challenge.js';
import type { CredentialProvider, RegistryCredential } from './credentials.js';
import { basicHeader, fetchToken, type IssuedToken, type TokenService } from './token.js';

/** Settings of {@link RegistryAuthenticator}. */
export interface AuthenticatorOptions {
  /** The registry host these credentials and tokens belong to. */
  registry: string;
  credentials: CredentialProvider;
  /** The client token requests go through. */
  http: HttpClient;
  /** Clock in ms, for tests. */
  now?: () => number;
}

/** `repository:<name>:<actions>`, the scope the Docker token protocol grants per repository. */
export function repositoryScope(repository: string, actions: 'pull' | 'pull,push'): string {
  return `repository:${repository}:${actions}`;
}

/** Splits `type:name:actions` (the name may itself contain `:`, e.g. a registry port). */
function splitScope(scope: string): { resource: string; actions: string[] } {
  const last = scope.lastIndexOf(':');
  return { resource: scope.slice(0, last), actions: scope.slice(last + 1).split(',') };
}

/** Whether scope `have` grants everything scope `need` asks for. */
export function scopeCovers(have: string, need: string): boolean {
  if (have === need) return true;
  const a = splitScope(have);
  const b = splitScope(need);
  return (
    a.resource === b.resource &&
    b.actions.every((action) => a.actions.includes(action) || a.actions.includes('*'))
  );
}

/**
 * Answers one registry's authentication challenges and remembers what it learnt: the registry's
 * scheme (Basic or Bearer), its token service, and a token per scope set (until shortly before it
 * expires). Concurrent requests that need the same token share one token request.
 *
 * Credentials are looked up for this registry only; they are sent to this registry (Basic) or to
 * the token realm its own challenge named (Bearer), nowhere else.
 */
export class RegistryAuthenticator {
  private readonly now: () => number;
  private basic = false;
  private tokenService: TokenService | undefined;
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly pending = new Map<string, Promise<IssuedToken>>();
  private credential: Promise<RegistryCredential | undefined> | undefined;

  constructor(private readonly options: AuthenticatorOptions) {
    this.now = options.now ?? Date.now;
  }

  private getCredential(): Promise<RegistryCredential | undefined> {
    this.credential ??= this.options.credentials(this.options.registry);
    return this.credential;
  }

  private async basicHeader(): Promise<string> {
    const credential = await this.getCredential();
    if (!credential) {
      throw new OciError(
        'ERR_REGISTRY_AUTH',
        `${this.options.registry} requires a login: run docker login ${this.options.registry} or pass --registry-username/--registry-password`,
      );
    }
    if ('identityToken' in credential) {
      throw new OciError(
        'ERR_REGISTRY_AUTH',
        `${this.options.registry} asks for a password, but only an identity token is configured for it`,
      );
    }
    return basicHeader(credential.username, credential.password);
  }

  private async token(service: TokenService, scopes: readonly string[], fresh: boolean): Promise<string> {
    const key = `${service.realm}\n${service.service ?? ''}\n${[...scopes].sort().join(' ')}`;
    const cached = this.tokens.get(key);
    if (!fresh && cached && cached.expiresAt > this.now()) return cached.token;
    let request = this.pending.get(key);
    if (!request) {
      request = this.getCredential().then((credential) =>
        fetchToken(this.options.http, service, scopes, credential, this.options.registry, this.now()),
      );
      this.pending.set(key, request);
      request.then(
        (issued) => {
          this.tokens.set(key, issued);
          this.pending.delete(key);
        },
        () => this.pending.delete(key),
      );
    }
    return (await request).token;
  }

  /**
   * The `Authorization` header to send up front for a request needing `scopes`, when this
   * registry's scheme is already known (saving the 401 round trip); `undefined` otherwise.
   */
  async headerFor(scopes: readonly string[]): Promise<string | undefined> {
    if (this.basic) return this.basicHeader();
    if (this.tokenService) return `Bearer ${await this.token(this.tokenService, scopes, false)}`;
    return undefined;
  }

  /**
   * Answers a 401's `WWW-Authenticate` header for a request needing `scopes`: resolves to the
   * `Authorization` header to retry with, or throws `ERR_REGISTRY_AUTH`.
   */
  async answer(header: string | null, scopes: readonly string[]): Promise<string> {
    const challenges = header ? parseChallenges(header) : [];
    const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params.realm);
    if (bearer) return `Bearer ${await this.answerBearer(bearer, scopes)}`;
    if (challenges.some((c) => c.scheme === 'basic')) {
      this.basic = true;
      return this.basicHeader();
    }
    throw new OciError(
      'ERR_REGISTRY_AUTH',
      `${this.options.registry} answered 401 without a Basic or Bearer challenge it can be logged in with`,
    );
  }

  private answerBearer(challenge: AuthChallenge, scopes: readonly string[]): Promise<string> {
    const service: TokenService = { realm: challenge.params.realm! };
    if (challenge.params.service !== undefined) service.service = challenge.params.service;
    this.tokenService = service;
    // The registry may name a scope of its own (e.g. the source of a mount): ask for it too,
    // unless one asked for already covers it (keeping the scope set, and so the cached token, stable).
    const wanted = [...scopes];
    for (const scope of (challenge.params.scope ?? '').split(' ')) {
      if (scope && !wanted.some((have) => scopeCovers(have, scope))) wanted.push(scope);
    }
    return this.token(service, wanted, true);
  }
}

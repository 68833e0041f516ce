import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { OciError } from '../errors.js';
import { DOCKER_HUB } from '../references/parse-registry-reference.js';
import { credentialFromHelper, type HelperRunner } from './credential-helper.js';
import type { CredentialProvider, RegistryCredential } from './credentials.js';

/** The parts of `~/.docker/config.json` that hold registry credentials. */
export interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** Where Docker's config is read from and how helpers run. */
export interface DockerConfigOptions {
  /** Environment for `DOCKER_CONFIG`; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Home directory; default `os.homedir()`. */
  home?: string;
  /** Runs credential helpers; default `execFile` (no shell). */
  runHelper?: HelperRunner;
}

const DOCKER_HUB_NAMES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
/** The key Docker uses for Docker Hub in `auths` and when asking helpers. */
const DOCKER_HUB_SERVER = 'https://index.docker.io/v1/';

/**
 * The registry host a config key names: `https://index.docker.io/v1/` and `docker.io` are
 * Docker Hub; `http://localhost:5000/v2` is `localhost:5000`.
 */
export function registryOfConfigKey(key: string): string {
  const host = (key.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split('/')[0] ?? '').toLowerCase();
  return DOCKER_HUB_NAMES.has(host) ? DOCKER_HUB : host;
}

/** The config file path: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(options: DockerConfigOptions = {}): string {
  const env = options.env ?? process.env;
  const dir = env.DOCKER_CONFIG || join(options.home ?? homedir(), '.docker');
  return join(dir, 'config.json');
}

/** Reads Docker's config; a missing file is an empty config, an unreadable one `ERR_CREDENTIALS`. */
export async function readDockerConfig(options: DockerConfigOptions = {}): Promise<DockerConfig> {
  const path = dockerConfigPath(options);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new OciError('ERR_CREDENTIALS', `cannot read ${path}`, { cause: error });
  }
  try {
    const config = JSON.parse(text) as unknown;
    return typeof config === 'object' && config !== null ? (config as DockerConfig) : {};
  } catch (cause) {
    throw new OciError('ERR_CREDENTIALS', `${path} is not valid JSON`, { cause });
  }
}

function fromAuthEntry(entry: NonNullable<DockerConfig['auths']>[string]): RegistryCredential | undefined {
  if (entry.identitytoken) return { identityToken: entry.identitytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  return undefined;
}

/**
 * Credentials from Docker's config, the way `docker login` leaves them: a `credHelpers` entry for
 * the registry wins, then the `credsStore`, then inline `auths`. The config is read once, on
 * first use.
 *
 * @example
 * ```ts
 * const client = createRegistryClient({ credentials: dockerConfigCredentials() });
 * ```
 */
export function dockerConfigCredentials(options: DockerConfigOptions = {}): CredentialProvider {
  let config: Promise<DockerConfig> | undefined;
  return async (registry) => {
    config ??= readDockerConfig(options);
    const { auths = {}, credsStore, credHelpers = {} } = await config;
    const host = registry.toLowerCase();
    const serverUrl = host === DOCKER_HUB ? DOCKER_HUB_SERVER : host;
    const helper = Object.entries(credHelpers).find(([key]) => registryOfConfigKey(key) === host)?.[1];
    if (helper) return credentialFromHelper(helper, serverUrl, options.runHelper);
    const entry = Object.entries(auths).find(([key]) => registryOfConfigKey(key) === host)?.[1];
    if (credsStore) {
      const stored = await credentialFromHelper(credsStore, serverUrl, options.runHelper);
      if (stored) return stored;
    }
    return entry ? fromAuthEntry(entry) : undefined;
  };
}

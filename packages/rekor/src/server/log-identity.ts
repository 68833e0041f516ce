import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RekorError } from '../errors.js';

/** The key and creation time of a log, kept in its directory across restarts. */
export interface LogIdentity {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** DER SubjectPublicKeyInfo. */
  spki: Buffer;
  /** When the key was made, to the second: the start of its validity in the trusted root. */
  createdAt: Date;
  /** Other persisted settings of the log (e.g. the Rekor v1 tree ID). */
  settings: Record<string, string>;
}

const KEY_FILE = 'log-key.pem';
const STATE_FILE = 'log.json';

/**
 * Loads the log's identity from `dir`, or creates it: a fresh key of `type` written as PKCS#8 PEM
 * with mode 0600, and `log.json` with the creation time and settings. A persisted setting that
 * contradicts one in `settings` means the directory belongs to another log
 * (`RekorError('ERR_TLOG_STORAGE_FAILED')`); `defaults` apply where nothing is persisted.
 */
export function loadOrCreateIdentity(
  dir: string,
  type: 'ec-p256' | 'ed25519',
  now: Date,
  settings: Record<string, string | undefined> = {},
  defaults: Record<string, () => string> = {},
): LogIdentity {
  mkdirSync(dir, { recursive: true });
  const keyPath = join(dir, KEY_FILE);
  const statePath = join(dir, STATE_FILE);
  let privateKey: KeyObject;
  if (existsSync(keyPath)) {
    privateKey = createPrivateKey(readFileSync(keyPath, 'utf8'));
  } else {
    const pair =
      type === 'ed25519'
        ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    privateKey = pair.privateKey;
    writeAtomic(keyPath, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, 0o600);
  }
  const expected = type === 'ed25519' ? 'ed25519' : 'ec';
  if (privateKey.asymmetricKeyType !== expected) {
    throw new RekorError(
      'ERR_TLOG_STORAGE_FAILED',
      `${keyPath} holds an ${privateKey.asymmetricKeyType} key, not ${expected}`,
    );
  }
  const state = existsSync(statePath)
    ? (JSON.parse(readFileSync(statePath, 'utf8')) as Record<string, string>)
    : {};
  let changed = false;
  if (typeof state.createdAt !== 'string' || Number.isNaN(Date.parse(state.createdAt))) {
    state.createdAt = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString();
    changed = true;
  }
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    if (state[name] === undefined) {
      state[name] = value;
      changed = true;
    } else if (state[name] !== value) {
      throw new RekorError(
        'ERR_TLOG_STORAGE_FAILED',
        `${dir} holds a log with ${name} ${state[name]}, not ${value}; use another directory`,
      );
    }
  }
  for (const [name, make] of Object.entries(defaults)) {
    if (state[name] === undefined) {
      state[name] = make();
      changed = true;
    }
  }
  if (changed) writeAtomic(statePath, `${JSON.stringify(state, null, 2)}\n`, 0o644);
  const publicKey = createPublicKey(privateKey);
  const { createdAt, ...rest } = state;
  return {
    privateKey,
    publicKey,
    spki: publicKey.export({ format: 'der', type: 'spki' }),
    createdAt: new Date(createdAt!),
    settings: rest,
  };
}

function writeAtomic(path: string, data: string, mode: number): void {
  const temp = `${path}.tmp`;
  writeFileSync(temp, data, { mode });
  renameSync(temp, path);
}

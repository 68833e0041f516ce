import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { HttpResponse, http } from 'msw';

/** A small signed TUF repository (spec 1.0, consistent snapshots) served from memory. */
export interface TestTufRepository {
  baseUrl: string;
  /** The trust anchor clients start from (1.root.json). */
  root: Buffer;
  /** Served files by path below `baseUrl`, e.g. `timestamp.json`, `targets/<sha256>.trusted_root.json`. */
  files: Map<string, Buffer>;
  /** Paths requested so far, in order. */
  requests: string[];
}

export interface BuildTufRepositoryOptions {
  baseUrl: string;
  targets: Record<string, Buffer>;
  /** When the metadata expires. Default: one day from now. */
  expires?: Date;
}

/**
 * Builds and signs root, timestamp, snapshot and targets metadata with one fresh ed25519 key, the
 * way a TUF repository publishes them.
 */
export function buildTufRepository(options: BuildTufRepositoryOptions): TestTufRepository {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const key = {
    keytype: 'ed25519',
    scheme: 'ed25519',
    keyval: { public: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
  };
  const keyid = sha256Hex(Buffer.from(canonicalJson(key)));
  const expires = (options.expires ?? new Date(Date.now() + 86_400_000))
    .toISOString()
    .replace(/\.\d+Z$/, 'Z');
  const common = { spec_version: '1.0.31', version: 1, expires };
  const role = { keyids: [keyid], threshold: 1 };

  const files = new Map<string, Buffer>();
  const targets: Record<string, { length: number; hashes: { sha256: string } }> = {};
  for (const [name, bytes] of Object.entries(options.targets)) {
    const digest = sha256Hex(bytes);
    targets[name] = { length: bytes.length, hashes: { sha256: digest } };
    files.set(`targets/${digest}.${name}`, bytes);
  }
  const signed = (body: object) => signMetadata(body, keyid, privateKey);
  const root = signed({
    _type: 'root',
    ...common,
    consistent_snapshot: true,
    keys: { [keyid]: key },
    roles: { root: role, timestamp: role, snapshot: role, targets: role },
  });
  files.set('1.root.json', root);
  files.set('1.targets.json', signed({ _type: 'targets', ...common, targets }));
  files.set(
    '1.snapshot.json',
    signed({ _type: 'snapshot', ...common, meta: { 'targets.json': { version: 1 } } }),
  );
  files.set(
    'timestamp.json',
    signed({ _type: 'timestamp', ...common, meta: { 'snapshot.json': { version: 1 } } }),
  );
  return { baseUrl: options.baseUrl, root, files, requests: [] };
}

/** An msw handler serving the repository's files, 404 for anything else, recording each request. */
export function serveTufRepository(repository: TestTufRepository) {
  return http.get(`${repository.baseUrl}/*`, ({ request }) => {
    const path = new URL(request.url).pathname.slice(1);
    repository.requests.push(path);
    const body = repository.files.get(path);
    return body ? HttpResponse.arrayBuffer(toArrayBuffer(body)) : new HttpResponse(null, { status: 404 });
  });
}

function signMetadata(body: object, keyid: string, privateKey: KeyObject): Buffer {
  const sig = sign(null, Buffer.from(canonicalJson(body)), privateKey).toString('hex');
  return Buffer.from(JSON.stringify({ signatures: [{ keyid, sig }], signed: body }, null, 1));
}

/** TUF's canonical JSON: sorted keys, no whitespace, only `"` and `\` escaped in strings. */
function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const fields = Object.keys(record)
      .sort()
      .map((name) => `${canonicalJson(name)}:${canonicalJson(record[name])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value);
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function toArrayBuffer(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

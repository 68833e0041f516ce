import type { Adapter, AdapterConstructor, AdapterPayload } from 'oidc-provider';

interface Stored {
  payload: AdapterPayload;
  /** Epoch milliseconds; `Infinity` when the model never expires. */
  expiresAt: number;
}

/**
 * An in-memory storage for the issuer's sessions, codes and grants. Each issuer gets its own
 * (never a process-wide one), so two stacks in one process, as in tests, never share sessions.
 * Nothing here needs to survive a restart: a user simply signs in again.
 */
export function createMemoryAdapter(): AdapterConstructor {
  const records = new Map<string, Stored>();
  const byUid = new Map<string, string>();
  const byUserCode = new Map<string, string>();
  const byGrant = new Map<string, Set<string>>();

  function live(key: string | undefined): AdapterPayload | undefined {
    if (key === undefined) return undefined;
    const stored = records.get(key);
    if (!stored) return undefined;
    if (stored.expiresAt <= Date.now()) {
      records.delete(key);
      return undefined;
    }
    return stored.payload;
  }

  function sweep(): void {
    const now = Date.now();
    for (const [key, stored] of records) if (stored.expiresAt <= now) records.delete(key);
    for (const index of [byUid, byUserCode]) {
      for (const [k, key] of index) if (!records.has(key)) index.delete(k);
    }
    for (const [grantId, keys] of byGrant) {
      for (const key of keys) if (!records.has(key)) keys.delete(key);
      if (keys.size === 0) byGrant.delete(grantId);
    }
  }

  return class MemoryAdapter implements Adapter {
    readonly #model: string;

    constructor(model: string) {
      this.#model = model;
    }

    #key(id: string): string {
      return `${this.#model}:${id}`;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      if (records.size > 10_000) sweep();
      const key = this.#key(id);
      const expiresAt = expiresIn > 0 ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY;
      records.set(key, { payload, expiresAt });
      if (payload.uid) byUid.set(payload.uid, key);
      if (payload.userCode) byUserCode.set(payload.userCode, key);
      if (payload.grantId) {
        const keys = byGrant.get(payload.grantId) ?? new Set<string>();
        keys.add(key);
        byGrant.set(payload.grantId, keys);
      }
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return live(this.#key(id));
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return live(byUid.get(uid));
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return live(byUserCode.get(userCode));
    }

    async consume(id: string): Promise<void> {
      const payload = live(this.#key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      records.delete(this.#key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const key of byGrant.get(grantId) ?? []) records.delete(key);
      byGrant.delete(grantId);
    }
  };
}

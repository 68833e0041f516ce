/** A proposed entry after validation: the body the log stores and the keys it is searchable by. */
export interface CanonicalEntry {
  kind: string;
  apiVersion: string;
  /** Canonical JSON of the entry body, the Merkle leaf. */
  body: Buffer;
  /** Secondary-index keys: `<algorithm>:<hex>` of artifacts, payloads and keys; lower-cased emails. */
  keys: string[];
}

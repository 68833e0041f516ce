import type { JsonFields, JsonObject } from './json-fields.js';
import type { BundleVersion, InclusionProof, TransparencyLogEntry } from './types.js';

/**
 * Reads one `TransparencyLogEntry` of a bundle and applies the per-version rules of the Sigstore
 * client specification: v0.1 entries need an inclusion promise (SET); v0.2 and later need an
 * inclusion proof with a checkpoint. A v0.1 inclusion proof without a checkpoint cannot be tied to
 * a signed tree head, so it is dropped (the SET is what v0.1 relies on), as other Sigstore clients do.
 */
export function parseTransparencyLogEntry(
  fields: JsonFields,
  value: unknown,
  path: string,
  version: BundleVersion,
): TransparencyLogEntry {
  const json = fields.asObject(value, path);
  const logId = fields.object(json, 'logId', path);
  const kindVersion = fields.object(json, 'kindVersion', path);
  const kindVersionPath = `${path}.kindVersion`;
  const entry: TransparencyLogEntry = {
    // proto3 JSON omits zero values: the first entry of a log has no logIndex field.
    logIndex: fields.optionalUint64(json, 'logIndex', path),
    logId: { keyId: fields.bytes(logId, 'keyId', `${path}.logId`) },
    kindVersion: {
      kind: fields.string(kindVersion, 'kind', kindVersionPath),
      version: fields.string(kindVersion, 'version', kindVersionPath),
    },
    // Rekor v2 entries carry no integrated time; the TSA timestamps stand in for it.
    integratedTime: fields.optionalUint64(json, 'integratedTime', path),
    canonicalizedBody: fields.bytes(json, 'canonicalizedBody', path),
  };

  const promise = fields.optionalObject(json, 'inclusionPromise', path);
  if (promise) {
    entry.inclusionPromise = {
      signedEntryTimestamp: fields.bytes(promise, 'signedEntryTimestamp', `${path}.inclusionPromise`),
    };
  } else if (version === '0.1') {
    fields.fail(`${path}.inclusionPromise`, 'is required in a v0.1 bundle');
  }

  const proof = fields.optionalObject(json, 'inclusionProof', path);
  if (proof) {
    const parsed = parseInclusionProof(fields, proof, `${path}.inclusionProof`, version);
    if (parsed) entry.inclusionProof = parsed;
  } else if (version !== '0.1') {
    fields.fail(`${path}.inclusionProof`, `is required in a v${version} bundle`);
  }
  return entry;
}

function parseInclusionProof(
  fields: JsonFields,
  json: JsonObject,
  path: string,
  version: BundleVersion,
): InclusionProof | undefined {
  const logIndex = fields.optionalUint64(json, 'logIndex', path);
  const rootHash = fields.bytes(json, 'rootHash', path);
  const treeSize = fields.uint64(json, 'treeSize', path);
  const hashesJson = fields.array(json, 'hashes', path);
  const hashes = new Array<Uint8Array>(hashesJson.length);
  for (let i = 0; i < hashesJson.length; i++)
    hashes[i] = fields.bytesValue(hashesJson[i], `${path}.hashes[${i}]`);

  const checkpoint = fields.optionalObject(json, 'checkpoint', path);
  const envelope = checkpoint
    ? fields.optionalString(checkpoint, 'envelope', `${path}.checkpoint`)
    : undefined;
  if (envelope === undefined || envelope.length === 0) {
    if (version === '0.1') return undefined;
    const where = checkpoint ? `${path}.checkpoint.envelope` : `${path}.checkpoint`;
    return fields.fail(where, `is required in a v${version} bundle`);
  }
  return { logIndex, rootHash, treeSize, hashes, checkpoint: { envelope } };
}

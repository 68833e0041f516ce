import { HASH_ALGORITHMS } from './hash-algorithms.js';
import { JsonFields, type JsonObject, quote } from './json-fields.js';
import { BUNDLE_MEDIA_TYPES } from './media-types.js';
import { parseTransparencyLogEntry } from './parse-tlog-entry.js';
import type {
  Bundle,
  BundleContent,
  BundleVersion,
  DsseSignature,
  Envelope,
  MessageSignature,
  SigningMaterial,
  TransparencyLogEntry,
  VerificationMaterial,
} from './types.js';

const fields = new JsonFields('ERR_BUNDLE_INVALID');

const SIGNING_MATERIAL_KEYS = ['x509CertificateChain', 'certificate', 'publicKey'] as const;

/**
 * Builds the bundle model from its decoded JSON (protobuf-specs JSON mapping, v0.1 to v0.3), with
 * every base64 field decoded and every int64 turned into a number, in one pass.
 *
 * Throws `CoreError`: `ERR_BUNDLE_UNSUPPORTED_VERSION` for a media type this library does not
 * read, `ERR_BUNDLE_INVALID` for anything else, with the JSON path of the offending field
 * (`bundle.verificationMaterial.tlogEntries[0].logIndex: must be a non-negative integer`).
 * Unknown fields are ignored, so newer minor revisions still parse.
 *
 * @example
 * ```ts
 * const bundle = parseBundle(JSON.parse(readFileSync('artifact.sigstore.json', 'utf8')));
 * bundle.version; // '0.3'
 * ```
 */
export function parseBundle(json: unknown): Bundle {
  const root = fields.asObject(json, 'bundle');
  const mediaType = root.mediaType;
  if (typeof mediaType !== 'string') return fields.fail('bundle.mediaType', 'must be a string');
  if (!Object.hasOwn(BUNDLE_MEDIA_TYPES, mediaType)) {
    return fields.fail(
      'bundle.mediaType',
      `unsupported bundle media type ${quote(mediaType)}; this library reads bundle versions 0.1, 0.2 and 0.3`,
      'ERR_BUNDLE_UNSUPPORTED_VERSION',
    );
  }
  const version = BUNDLE_MEDIA_TYPES[mediaType] as BundleVersion;
  return {
    mediaType,
    version,
    verificationMaterial: parseVerificationMaterial(
      fields.object(root, 'verificationMaterial', 'bundle'),
      version,
    ),
    content: parseContent(root),
  };
}

function parseVerificationMaterial(json: JsonObject, version: BundleVersion): VerificationMaterial {
  const path = 'bundle.verificationMaterial';
  const entriesJson = fields.array(json, 'tlogEntries', path);
  const tlogEntries = new Array<TransparencyLogEntry>(entriesJson.length);
  for (let i = 0; i < entriesJson.length; i++) {
    tlogEntries[i] = parseTransparencyLogEntry(fields, entriesJson[i], `${path}.tlogEntries[${i}]`, version);
  }

  const rfc3161Timestamps: Uint8Array[] = [];
  const timestampData = fields.optionalObject(json, 'timestampVerificationData', path);
  if (timestampData) {
    const tsPath = `${path}.timestampVerificationData`;
    const list = fields.array(timestampData, 'rfc3161Timestamps', tsPath);
    for (let i = 0; i < list.length; i++) {
      const itemPath = `${tsPath}.rfc3161Timestamps[${i}]`;
      rfc3161Timestamps.push(fields.bytes(fields.asObject(list[i], itemPath), 'signedTimestamp', itemPath));
    }
  }

  return { content: parseSigningMaterial(json, path, version), tlogEntries, rfc3161Timestamps };
}

function parseSigningMaterial(json: JsonObject, path: string, version: BundleVersion): SigningMaterial {
  const present = SIGNING_MATERIAL_KEYS.filter((key) => json[key] !== undefined && json[key] !== null);
  if (present.length !== 1) {
    const found = present.length === 0 ? 'none' : present.join(' and ');
    return fields.fail(
      path,
      `must have exactly one of x509CertificateChain, certificate or publicKey (found ${found})`,
    );
  }
  switch (present[0]) {
    case 'x509CertificateChain': {
      const chainPath = `${path}.x509CertificateChain`;
      if (version === '0.3') {
        fields.fail(chainPath, 'is not allowed in a v0.3 bundle (use certificate or publicKey)');
      }
      const list = fields.array(fields.object(json, 'x509CertificateChain', path), 'certificates', chainPath);
      if (list.length === 0) fields.fail(`${chainPath}.certificates`, 'must not be empty');
      const certificates = new Array<Uint8Array>(list.length);
      for (let i = 0; i < list.length; i++) {
        const certPath = `${chainPath}.certificates[${i}]`;
        certificates[i] = fields.bytes(fields.asObject(list[i], certPath), 'rawBytes', certPath);
      }
      return { type: 'x509CertificateChain', certificates };
    }
    case 'certificate': {
      const certificate = fields.object(json, 'certificate', path);
      return {
        type: 'certificate',
        certificate: fields.bytes(certificate, 'rawBytes', `${path}.certificate`),
      };
    }
    default: {
      const publicKey = fields.object(json, 'publicKey', path);
      return { type: 'publicKey', hint: fields.optionalString(publicKey, 'hint', `${path}.publicKey`) ?? '' };
    }
  }
}

function parseContent(root: JsonObject): BundleContent {
  const messageSignature = fields.optionalObject(root, 'messageSignature', 'bundle');
  const dsseEnvelope = fields.optionalObject(root, 'dsseEnvelope', 'bundle');
  if (messageSignature && dsseEnvelope) {
    return fields.fail('bundle', 'must have exactly one of messageSignature or dsseEnvelope (found both)');
  }
  if (messageSignature)
    return { type: 'messageSignature', messageSignature: parseMessageSignature(messageSignature) };
  if (dsseEnvelope) return { type: 'dsseEnvelope', dsseEnvelope: parseEnvelope(dsseEnvelope) };
  return fields.fail('bundle', 'must have exactly one of messageSignature or dsseEnvelope (found none)');
}

function parseMessageSignature(json: JsonObject): MessageSignature {
  const path = 'bundle.messageSignature';
  const result: MessageSignature = { signature: fields.bytes(json, 'signature', path) };
  const digest = fields.optionalObject(json, 'messageDigest', path);
  if (digest) {
    const digestPath = `${path}.messageDigest`;
    result.messageDigest = {
      algorithm: fields.enumName(digest, 'algorithm', digestPath, HASH_ALGORITHMS),
      digest: fields.bytes(digest, 'digest', digestPath),
    };
  }
  return result;
}

function parseEnvelope(json: JsonObject): Envelope {
  const path = 'bundle.dsseEnvelope';
  const payload = fields.bytes(json, 'payload', path);
  const payloadType = fields.string(json, 'payloadType', path);
  const list = fields.array(json, 'signatures', path);
  if (list.length === 0) fields.fail(`${path}.signatures`, 'must have at least one signature');
  const signatures = new Array<DsseSignature>(list.length);
  for (let i = 0; i < list.length; i++) {
    const sigPath = `${path}.signatures[${i}]`;
    const sig = fields.asObject(list[i], sigPath);
    signatures[i] = {
      sig: fields.bytes(sig, 'sig', sigPath),
      keyid: fields.optionalString(sig, 'keyid', sigPath) ?? '',
    };
  }
  return { payload, payloadType, signatures };
}

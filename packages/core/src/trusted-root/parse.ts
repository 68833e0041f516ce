import { HASH_ALGORITHMS } from '../bundle/hash-algorithms.js';
import { JsonFields, type JsonObject, quote } from '../bundle/json-fields.js';
import { parseValidity } from './parse-time.js';
import {
  type CertificateAuthority,
  type DistinguishedName,
  TRUSTED_ROOT_MEDIA_TYPES,
  type TransparencyLogInstance,
  type TrustedRoot,
} from './types.js';

const fields = new JsonFields('ERR_TRUSTED_ROOT_INVALID');

/**
 * Builds the `TrustedRoot` model from its JSON (`trusted_root.json`, media type v0.1 or v0.2):
 * bytes decoded, times parsed to `Date`s, absent lists as `[]`.
 *
 * A validity window without `start` is kept as it is (`start: undefined`) rather than refused:
 * such an entry is unusable, and the verifier says so when it is the one a bundle needs, while
 * the rest of the root stays usable.
 *
 * Throws `CoreError` `ERR_TRUSTED_ROOT_INVALID` with the JSON path of the offending field.
 *
 * @example
 * ```ts
 * const root = parseTrustedRoot(JSON.parse(readFileSync('trusted_root.json', 'utf8')));
 * root.tlogs[0]?.baseUrl; // 'https://rekor.sigstore.dev'
 * ```
 */
export function parseTrustedRoot(json: unknown): TrustedRoot {
  const path = 'trustedRoot';
  const root = fields.asObject(json, path);
  const mediaType = fields.string(root, 'mediaType', path);
  if (!(TRUSTED_ROOT_MEDIA_TYPES as readonly string[]).includes(mediaType)) {
    fields.fail(
      `${path}.mediaType`,
      `unsupported trusted root media type ${quote(mediaType)}; expected one of ${TRUSTED_ROOT_MEDIA_TYPES.join(', ')}`,
    );
  }
  return {
    mediaType,
    tlogs: fields.array(root, 'tlogs', path).map((v, i) => parseLog(v, `${path}.tlogs[${i}]`)),
    certificateAuthorities: fields
      .array(root, 'certificateAuthorities', path)
      .map((v, i) => parseAuthority(v, `${path}.certificateAuthorities[${i}]`)),
    ctlogs: fields.array(root, 'ctlogs', path).map((v, i) => parseLog(v, `${path}.ctlogs[${i}]`)),
    timestampAuthorities: fields
      .array(root, 'timestampAuthorities', path)
      .map((v, i) => parseAuthority(v, `${path}.timestampAuthorities[${i}]`)),
  };
}

function parseLog(value: unknown, path: string): TransparencyLogInstance {
  const json = fields.asObject(value, path);
  const publicKey = fields.object(json, 'publicKey', path);
  const keyPath = `${path}.publicKey`;
  const log: TransparencyLogInstance = {
    baseUrl: fields.optionalString(json, 'baseUrl', path) ?? '',
    hashAlgorithm: fields.enumName(json, 'hashAlgorithm', path, HASH_ALGORITHMS),
    publicKey: {
      rawBytes: fields.optionalBytes(publicKey, 'rawBytes', keyPath),
      keyDetails: fields.optionalString(publicKey, 'keyDetails', keyPath) ?? 'PUBLIC_KEY_DETAILS_UNSPECIFIED',
      validFor: parseValidity(fields, publicKey, keyPath),
    },
    logId: { keyId: fields.bytes(fields.object(json, 'logId', path), 'keyId', `${path}.logId`) },
  };
  const checkpointKeyId = fields.optionalObject(json, 'checkpointKeyId', path);
  if (checkpointKeyId)
    log.checkpointKeyId = { keyId: fields.bytes(checkpointKeyId, 'keyId', `${path}.checkpointKeyId`) };
  const operator = fields.optionalString(json, 'operator', path);
  if (operator) log.operator = operator;
  return log;
}

function parseAuthority(value: unknown, path: string): CertificateAuthority {
  const json = fields.asObject(value, path);
  const chainPath = `${path}.certChain`;
  const list = fields.array(fields.object(json, 'certChain', path), 'certificates', chainPath);
  if (list.length === 0) fields.fail(`${chainPath}.certificates`, 'must not be empty');
  const authority: CertificateAuthority = {
    subject: parseSubject(json, path),
    uri: fields.optionalString(json, 'uri', path) ?? '',
    certChain: list.map((cert, i) => {
      const certPath = `${chainPath}.certificates[${i}]`;
      return fields.bytes(fields.asObject(cert, certPath), 'rawBytes', certPath);
    }),
    validFor: parseValidity(fields, json, path),
  };
  const operator = fields.optionalString(json, 'operator', path);
  if (operator) authority.operator = operator;
  return authority;
}

function parseSubject(json: JsonObject, path: string): DistinguishedName {
  const subject = fields.optionalObject(json, 'subject', path);
  if (!subject) return {};
  const result: DistinguishedName = {};
  const organization = fields.optionalString(subject, 'organization', `${path}.subject`);
  const commonName = fields.optionalString(subject, 'commonName', `${path}.subject`);
  if (organization !== undefined) result.organization = organization;
  if (commonName !== undefined) result.commonName = commonName;
  return result;
}

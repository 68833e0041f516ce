import { JsonFields, type JsonObject, quote } from '../bundle/json-fields.js';
import { parseValidity } from '../trusted-root/parse-time.js';
import {
  type Service,
  type ServiceConfiguration,
  type ServiceSelector,
  SIGNING_CONFIG_MEDIA_TYPE,
  type SigningConfig,
} from './types.js';

const fields = new JsonFields('ERR_SIGNING_CONFIG_INVALID');

const SELECTORS: readonly ServiceSelector[] = ['ALL', 'ANY', 'EXACT'];

/**
 * Builds the `SigningConfig` model from its JSON (`signing_config.json`, media type v0.2 only: the
 * v0.1 layout names single URLs and carries no API versions or validity windows).
 *
 * Absent service lists are `[]`. An absent `rekorTlogConfig` / `tsaConfig` means `ANY`, the
 * selector every published configuration uses. `EXACT` requires a positive `count`.
 *
 * Throws `CoreError` `ERR_SIGNING_CONFIG_INVALID` with the JSON path of the offending field.
 *
 * @example
 * ```ts
 * const config = parseSigningConfig(JSON.parse(readFileSync('signing_config.json', 'utf8')));
 * config.caUrls[0]?.url; // 'https://fulcio.sigstore.dev'
 * ```
 */
export function parseSigningConfig(json: unknown): SigningConfig {
  const path = 'signingConfig';
  const root = fields.asObject(json, path);
  const mediaType = fields.string(root, 'mediaType', path);
  if (mediaType !== SIGNING_CONFIG_MEDIA_TYPE) {
    fields.fail(
      `${path}.mediaType`,
      `unsupported signing config media type ${quote(mediaType)}; expected ${SIGNING_CONFIG_MEDIA_TYPE}`,
    );
  }
  return {
    mediaType,
    caUrls: parseServices(root, 'caUrls', path),
    oidcUrls: parseServices(root, 'oidcUrls', path),
    rekorTlogUrls: parseServices(root, 'rekorTlogUrls', path),
    rekorTlogConfig: parseServiceConfiguration(root, 'rekorTlogConfig', path),
    tsaUrls: parseServices(root, 'tsaUrls', path),
    tsaConfig: parseServiceConfiguration(root, 'tsaConfig', path),
  };
}

function parseServices(root: JsonObject, key: string, path: string): Service[] {
  return fields.array(root, key, path).map((value, i) => {
    const servicePath = `${path}.${key}[${i}]`;
    const json = fields.asObject(value, servicePath);
    return {
      url: fields.string(json, 'url', servicePath),
      majorApiVersion: parseUint32(json, 'majorApiVersion', servicePath, true) ?? 0,
      validFor: parseValidity(fields, json, servicePath),
      operator: fields.optionalString(json, 'operator', servicePath) ?? '',
    };
  });
}

function parseServiceConfiguration(root: JsonObject, key: string, path: string): ServiceConfiguration {
  const json = fields.optionalObject(root, key, path);
  if (!json) return { selector: 'ANY' };
  const configPath = `${path}.${key}`;
  const selector = fields.enumName(json, 'selector', configPath, SELECTORS);
  const count = parseUint32(json, 'count', configPath, selector === 'EXACT');
  return count === undefined ? { selector } : { selector, count };
}

/** A uint32 (JSON number or decimal string); `required` also refuses absent and 0. */
function parseUint32(json: JsonObject, key: string, path: string, required: boolean): number | undefined {
  const value = json[key];
  if (value === undefined || value === null) {
    return required ? fields.fail(`${path}.${key}`, 'is required') : undefined;
  }
  const n = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    return fields.fail(`${path}.${key}`, 'must be a non-negative 32-bit integer');
  }
  if (required && n === 0) return fields.fail(`${path}.${key}`, 'must be at least 1');
  return n;
}

import type { SigningConfig } from '@keyless/core';
import { OciError } from '../errors.js';
import type { SignatureFormat } from './pipeline.js';

/**
 * The signing config to sign in `format` with. The cosign format stores the log entry as a
 * signed entry timestamp (`dev.sigstore.cosign/bundle`), which only Rekor v1 logs give, so for
 * it only the config's v1 logs are kept (as cosign itself does for its old format). The bundle
 * format takes the config as it is. Throws `ERR_INVALID_INPUT` when the cosign format is asked
 * of a config without a v1 log.
 *
 * @example
 * ```ts
 * const pipeline = await createSigningPipeline({ signingConfig: signingConfigForFormat(config, 'cosign'), ... });
 * ```
 */
export function signingConfigForFormat(config: SigningConfig, format: SignatureFormat): SigningConfig {
  if (format !== 'cosign') return config;
  const v1 = config.rekorTlogUrls.filter((service) => service.majorApiVersion === 1);
  if (v1.length === 0) {
    throw new OciError(
      'ERR_INVALID_INPUT',
      'the cosign signature format needs a Rekor v1 log (for its signed entry timestamp) and the signing config lists none; use --format bundle',
    );
  }
  const rekorTlogConfig =
    config.rekorTlogConfig.selector === 'EXACT' && (config.rekorTlogConfig.count ?? 1) > v1.length
      ? { selector: 'ALL' as const }
      : config.rekorTlogConfig;
  return { ...config, rekorTlogUrls: v1, rekorTlogConfig };
}

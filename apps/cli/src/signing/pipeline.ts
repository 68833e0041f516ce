import type { OidcProvider, SigningConfig, TrustRootSource } from '@keyless/core';
import type { SigningPipeline } from '@keyless/sign';
import { SigningError } from '@keyless/sign/errors';
import type { CliContext } from '../context.js';
import { CliError } from '../errors.js';
import { selectTrustSource } from '../verification/trust-source.js';
import type { SigningFlags } from './flags.js';
import { loadPlugins } from './plugins.js';
import { PUBLIC_GOOD_ISSUER, selectProvider } from './provider.js';

/** Signing errors about the command's own inputs rather than a service: input errors (exit code 3). */
const INPUT_CODES = new Set(['ERR_SIGNING_CONFIG', 'ERR_INVALID_INPUT', 'ERR_BUNDLE_WRITE']);

/**
 * Runs a signing step and reports its failure the way the command line does: a `SigningError`
 * about the inputs (signing config, predicate, bundle file) is an input error (3); one about a
 * service keeps its code and exits 5 (see `exitCodeFor`).
 */
export async function signingStep<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof SigningError && INPUT_CODES.has(error.code)) {
      throw new CliError('ERR_INPUT_UNREADABLE', error.message, { cause: error });
    }
    throw error;
  }
}

async function signingConfigOf(flags: SigningFlags, now: Date): Promise<SigningConfig> {
  const sign = await import('@keyless/sign');
  const base =
    flags.signingConfig !== undefined
      ? await sign.readSigningConfigFile(flags.signingConfig)
      : flags.staging
        ? sign.stagingSigningConfig()
        : sign.publicGoodSigningConfig();
  return sign.applyServiceOverrides(base, flags.overrides, now);
}

/** The issuer interactive sign-in uses: the flag, else the signing config's first one valid now. */
function issuerOf(config: SigningConfig, now: Date): string {
  const usable = config.oidcUrls.find(
    (service) =>
      service.validFor.start !== undefined &&
      service.validFor.start <= now &&
      (!service.validFor.end || now <= service.validFor.end),
  );
  return usable?.url ?? PUBLIC_GOOD_ISSUER;
}

/** What a signing command signs with, built from its flags. */
export interface CliSigning {
  pipeline: SigningPipeline;
  provider: OidcProvider;
}

/**
 * Builds the signing pipeline the flags describe: plugins loaded, signing config read (a file,
 * staging, or public-good) with the URL overrides applied, the trust root (a file, staging, or
 * public-good through TUF, plus plugin trust roots), the OIDC provider, and plugin TSAs.
 */
export async function createCliSigning(
  flags: SigningFlags,
  context: CliContext,
  /** Narrows the signing config, e.g. to the logs a signature format can carry. */
  adjustSigningConfig: (config: SigningConfig) => SigningConfig = (config) => config,
): Promise<CliSigning> {
  const now = new Date();
  const plugins = await loadPlugins(flags.identity.plugins, context.cwd);
  const signingConfig = adjustSigningConfig(await signingStep(() => signingConfigOf(flags, now)));
  let trustedRoot: TrustRootSource = selectTrustSource(flags.trust, context.env);
  const pluginRoots = plugins.flatMap((plugin) => plugin.trustRoots ?? []);
  if (pluginRoots.length > 0) {
    const { compositeTrustRoot } = await import('@keyless/trust');
    trustedRoot = compositeTrustRoot([trustedRoot, ...pluginRoots]);
  }
  const provider = await selectProvider(
    flags.identity,
    plugins,
    flags.overrides.oidcIssuer ?? issuerOf(signingConfig, now),
    context,
  );
  const { createSigningPipeline } = await import('@keyless/sign');
  const pipeline = await signingStep(() =>
    createSigningPipeline({
      signingConfig,
      trustedRoot,
      oidcProvider: provider,
      timestampSources: plugins.flatMap((plugin) => plugin.timestampSources ?? []),
    }),
  );
  return { pipeline, provider };
}

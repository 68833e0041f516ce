import type { CommandSpec, ParsedArgs } from '../args/spec.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { IMAGE_EXIT_CODES_HELP } from '../image/exit-codes.js';
import { openCliImage } from '../image/open-image.js';
import { REGISTRY_OPTIONS, registryFlags } from '../image/registry-options.js';

const TITLES = { signatures: 'Signatures', attestations: 'Attestations', sbom: 'SBOMs' } as const;

async function run(args: ParsedArgs, context: CliContext): Promise<number> {
  const { listAttached } = await import('@keyless/oci');
  const image = await openCliImage(args.positionals[0]!, registryFlags(args), context, 'pull');
  try {
    const attached = await listAttached(
      image.store,
      image.lookup,
      image.signatureStore ? { signatureStore: image.signatureStore } : {},
    );
    const source = image.signatureStore ?? image.store;
    const lines = [`Artifacts attached to ${image.store.name}@${attached.image.digest}`];
    const sections: Array<[string, string[]]> = attached.tags.map((t) => [
      `${TITLES[t.kind]} (${t.layers.length}) in ${source.name}:${t.tag}`,
      t.layers.map((l) => `${l.digest}  ${l.mediaType}`),
    ]);
    if (attached.referrers.length > 0) {
      const via =
        attached.referrersVia === 'api'
          ? 'referrers API'
          : `fallback tag ${source.name}:${attached.image.digest.replace(':', '-')}`;
      sections.push([
        `Referrers (${attached.referrers.length}) via ${via}`,
        attached.referrers.map((d) => {
          const predicate = d.annotations?.['dev.sigstore.bundle.predicateType'];
          return `${d.digest}  ${d.artifactType ?? d.mediaType}${predicate ? `  ${predicate}` : ''}`;
        }),
      ]);
    }
    if (sections.length === 0) lines.push('└── nothing attached');
    sections.forEach(([title, items], i) => {
      const last = i === sections.length - 1;
      lines.push(`${last ? '└──' : '├──'} ${title}`);
      items.forEach((item, j) => {
        lines.push(`${last ? '    ' : '│   '}${j === items.length - 1 ? '└──' : '├──'} ${item}`);
      });
    });
    context.stdout(`${lines.join('\n')}\n`);
    for (const warning of attached.warnings) context.stderr(`keyless: warning: ${warning}\n`);
    return ExitCode.Ok;
  } finally {
    await image.close();
  }
}

/** `keyless tree IMAGE`: lists the signatures and attestations attached to an image. */
export const treeCommand: CommandSpec = {
  name: 'tree',
  summary: 'List the signatures, attestations and referrers attached to a container image',
  description:
    "Shows what is attached to IMAGE: cosign's .sig, .att and .sbom tags with their layers, and the image's " +
    'referrers (Sigstore bundles and other artifacts) from the referrers API or its tag fallback. Nothing is verified.',
  positionals: [
    { name: 'image', describe: 'The image: registry/repository[:tag|@digest], or oci:PATH[:TAG|@DIGEST]' },
  ],
  options: { ...REGISTRY_OPTIONS },
  examples: [['$0 tree localhost:5000/app:1.0', 'What is attached to an image in a local registry']],
  epilog: IMAGE_EXIT_CODES_HELP,
  run,
};

import { resolve } from 'node:path';
import type { ImageReference, ImageStore } from '@keyless/oci';
import type { CliContext } from '../context.js';
import { type RegistryFlags, registryClientOptions } from './registry-options.js';

/** An image opened for a command, and where its signatures live. */
export interface CliImage {
  reference: ImageReference;
  store: ImageStore;
  /** The tag or digest to look the image up by. */
  lookup: string;
  /** `KEYLESS_REPOSITORY`'s store, when set: signatures are read from and written there. */
  signatureStore?: ImageStore;
  close(): Promise<void>;
}

/** A layout path relative to the working directory, made absolute; registry references as they are. */
function anchored(reference: ImageReference, cwd: string): ImageReference {
  return reference.kind === 'layout' ? { ...reference, path: resolve(cwd, reference.path) } : reference;
}

/**
 * Opens IMAGE (a registry reference or `oci:PATH[:TAG|@DIGEST]`) and, when `KEYLESS_REPOSITORY`
 * is set, the repository signatures go to. `access` is `pull,push` for commands that write.
 */
export async function openCliImage(
  input: string,
  flags: RegistryFlags,
  context: CliContext,
  access: 'pull' | 'pull,push',
): Promise<CliImage> {
  const oci = await import('@keyless/oci');
  const reference = oci.parseImageReference(input);
  const signatures = oci.signatureRepository(context.env);
  const registries = [reference, signatures].flatMap((r) => (r?.kind === 'registry' ? [r.registry] : []));
  const client = oci.createRegistryClient(await registryClientOptions(flags, registries, context.env));
  try {
    const image = await oci.openImage(anchored(reference, context.cwd), { client, access });
    const signatureStore = signatures
      ? (
          await oci.openStore(anchored(signatures, context.cwd), {
            client,
            access,
            createLayout: access === 'pull,push',
          })
        ).store
      : undefined;
    return {
      reference,
      store: image.store,
      lookup: image.lookup,
      ...(signatureStore ? { signatureStore } : {}),
      close: () => client.close(),
    };
  } catch (error) {
    await client.close();
    throw error;
  }
}

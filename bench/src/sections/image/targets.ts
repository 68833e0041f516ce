import { join } from 'node:path';
import {
  anonymousCredentials,
  createRegistryClient,
  type ImageStore,
  openLayout,
  registryStore,
} from '@keyless/oci';
import { startRegistry } from '../../stack/registry.js';

/** A place images live: a registry repository on loopback, or an OCI layout directory. */
export interface ImageTarget {
  label: 'registry' | 'layout';
  store: ImageStore;
  /** The reference the CLI is given for the image with this digest. */
  reference(digest: string): string;
  close(): Promise<void>;
}

/** A repository in a `docker-registry` on loopback; `undefined` when the binary is missing. */
export async function openRegistryTarget(dir: string): Promise<ImageTarget | undefined> {
  const registry = await startRegistry(dir);
  if (!registry) return undefined;
  const client = createRegistryClient({ credentials: anonymousCredentials });
  const repository = 'bench/app';
  return {
    label: 'registry',
    store: registryStore(client.repository(registry.host, repository, 'pull,push')),
    reference: (digest) => `${registry.host}/${repository}@${digest}`,
    async close() {
      await client.close();
      await registry.stop();
    },
  };
}

/** A new OCI image layout directory. */
export async function openLayoutTarget(dir: string): Promise<ImageTarget> {
  const path = join(dir, 'layout');
  const store = await openLayout(path, { create: true });
  return { label: 'layout', store, reference: (digest) => `oci:${path}@${digest}`, close: async () => {} };
}

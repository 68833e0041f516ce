// Refreshes seeds/public-good.json from the installed @sigstore/tuf devDependency: the public-good
// TUF root.json and trusted_root.json target (base64) that offline mode and the first online
// refresh start from. Bump @sigstore/tuf, run `pnpm seeds:update`, and commit the result.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const source = require.resolve('@sigstore/tuf/seeds.json');
const { version } = require('@sigstore/tuf/package.json');
const target = new URL('../seeds/public-good.json', import.meta.url);

const seeds = JSON.parse(readFileSync(source, 'utf8'));
const seed = seeds['https://tuf-repo-cdn.sigstore.dev'];
if (!seed?.['root.json'] || !seed.targets?.['trusted_root.json']) {
  throw new Error(`${source} holds no public-good root.json and trusted_root.json`);
}
const changed = !existsSync(target) || !readFileSync(target).equals(readFileSync(source));
copyFileSync(source, target);
console.log(`${changed ? 'updated' : 'unchanged'}: seeds/public-good.json from @sigstore/tuf@${version}`);

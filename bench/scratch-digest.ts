import { createHash } from 'node:crypto';
import type { TrustedRootJson } from '@keyless/core';
import { createVerifier } from '@keyless/verify';
import { loadCases, loadProductionTrustedRoot } from './src/cases.js';
import { rate, runFor } from './src/measure.js';
const cases = loadCases().filter((c) => !c.name.includes('intoto'));
const v = await createVerifier({ trustedRoot: loadProductionTrustedRoot() as TrustedRootJson });
const mk = (digest: boolean) => ({ name: digest ? 'digest' : 'artifact', verify: (c: (typeof cases)[number]) =>
  v.verify(c.bundleJson, digest ? { digest: `sha256:${createHash('sha256').update(c.artifact).digest('hex')}` } : { artifact: c.artifact }, { identity: c.identity, issuer: c.issuer }) });
for (const d of [false, true, false, true]) { const c = mk(d); await runFor(c, cases, 500); console.log(c.name, rate(await runFor(c, cases, 2000)).toFixed(0)); }

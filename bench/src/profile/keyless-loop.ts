import { loadCases, loadProductionTrustedRoot } from '../cases.js';
import { readConfig } from '../config.js';
import { assertVerifiesAll } from '../contenders/contender.js';
import { createKeylessContender } from '../contenders/keyless.js';
import { rate, runFor } from '../measure.js';

// Keyless alone, for `node --cpu-prof`: the same loop as the benchmark without the other
// verifier and the micro-benchmarks, so the profile shows nothing but Keyless at work.
const config = readConfig();
const cases = loadCases();
const keyless = await createKeylessContender(loadProductionTrustedRoot());
await assertVerifiesAll(keyless, cases);
await runFor(keyless, cases, config.warmupSeconds * 1000);
const turn = await runFor(keyless, cases, config.roundSeconds * config.rounds * 1000);
console.log(
  `Keyless: ${turn.verified} bundles in ${(turn.elapsedMs / 1000).toFixed(1)} s = ${rate(turn).toFixed(0)} bundles/s`,
);

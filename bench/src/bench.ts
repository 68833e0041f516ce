import { readConfig } from './config.js';
import { runBench } from './run-bench.js';

// `pnpm bench`: every section unless BENCH_ONLY / BENCH_SKIP say otherwise (see README.md).
await runBench(readConfig());

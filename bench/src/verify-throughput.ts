import { readConfig } from './config.js';
import { runBench } from './run-bench.js';

// The verification benchmark alone (what `BENCH_ONLY=verify pnpm bench` runs).
await runBench({ ...readConfig(), sections: new Set(['verify']) });

import type { BenchSuite } from './harness.js';
import { printingBench } from './printing.bench.js';
import { sqliteBaselines } from './sqlite.bench.js';

/** Every benchmark suite, in the order they run. Domain issues add theirs here. */
export const suites: BenchSuite[] = [sqliteBaselines, printingBench];

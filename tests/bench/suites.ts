import type { BenchSuite } from './harness.js';
import { printingBench } from './printing.bench.js';
import { queueBench } from './queue.bench.js';
import { loansBench } from './loans.bench.js';
import { residentsBench } from './residents.bench.js';
import { sqliteBaselines } from './sqlite.bench.js';
import { erasureBench } from './erasure.bench.js';
import { importBench } from './import.bench.js';
import { reportsBench } from './reports.bench.js';
import { syncBench } from './sync.bench.js';
import { activitiesBench } from './activities.bench.js';
import { volunteeringBench } from './volunteering.bench.js';
import { requestsBench } from './requests.bench.js';

/** Every benchmark suite, in the order they run. Domain issues add theirs here. */
export const suites: BenchSuite[] = [
  sqliteBaselines,
  printingBench,
  loansBench,
  residentsBench,
  queueBench,
  erasureBench,
  importBench,
  reportsBench,
  syncBench,
  activitiesBench,
  volunteeringBench,
  requestsBench,
];

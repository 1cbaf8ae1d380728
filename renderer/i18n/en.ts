import * as core from './sections/core.js';
import * as printing from './sections/printing.js';
import * as loans from './sections/loans.js';
import * as queue from './sections/queue.js';
import * as residents from './sections/residents.js';
import * as reports from './sections/reports.js';

/** English: complete second language for visitors and maintainers (see zh-CN.ts). */
export default {
  ...core.en,
  ...printing.en,
  ...loans.en,
  ...queue.en,
  ...residents.en,
  ...reports.en,
};

import * as core from './sections/core.js';
import * as printing from './sections/printing.js';
import * as loans from './sections/loans.js';
import * as queue from './sections/queue.js';
import * as residents from './sections/residents.js';
import * as sync from './sections/sync.js';

/** English: complete second language for visitors and maintainers (see zh-CN.ts). */
export default {
  ...core.en,
  ...printing.en,
  ...loans.en,
  ...queue.en,
  ...residents.en,
  ...sync.en,
};

import * as core from './sections/core.js';
import * as printing from './sections/printing.js';

/** English: complete second language for visitors and maintainers (see zh-CN.ts). */
export default {
  ...core.en,
  ...printing.en,
};

import * as core from './sections/core.js';
import * as printing from './sections/printing.js';
import * as loans from './sections/loans.js';
import * as queue from './sections/queue.js';
import * as residents from './sections/residents.js';
import * as records from './sections/records.js';
import * as auth from './sections/auth.js';
import * as importSection from './sections/import.js';
import * as audit from './sections/audit.js';
import * as reports from './sections/reports.js';
import * as sync from './sections/sync.js';
import * as cityDomains from './sections/cityDomains.js';
import * as ratings from './sections/ratings.js';
import * as volunteering from './sections/volunteering.js';
import * as requests from './sections/requests.js';
import * as activities from './sections/activities.js';

/** English: complete second language for visitors and maintainers (see zh-CN.ts). */
export default {
  ...core.en,
  ...printing.en,
  ...loans.en,
  ...queue.en,
  ...residents.en,
  ...records.en,
  ...auth.en,
  ...importSection.en,
  ...audit.en,
  ...reports.en,
  ...sync.en,
  ...cityDomains.en,
  ...ratings.en,
  ...volunteering.en,
  ...requests.en,
  ...activities.en,
};

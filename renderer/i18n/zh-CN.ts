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

/**
 * 简体中文：所有界面文字的第一语言。Each domain keeps its texts in sections/<domain>.ts (Chinese and
 * English side by side, the English typed to have the same keys) and adds one line here and in en.ts.
 */
export default {
  ...core.zh,
  ...printing.zh,
  ...loans.zh,
  ...queue.zh,
  ...residents.zh,
  ...records.zh,
  ...auth.zh,
  ...importSection.zh,
  ...audit.zh,
  ...reports.zh,
  ...sync.zh,
  ...cityDomains.zh,
  ...ratings.zh,
  ...volunteering.zh,
  ...requests.zh,
  ...activities.zh,
};

import core from './001_core.js';
import printing from './002_printing.js';
import residents from './003_residents.js';
import queue from './004_queue.js';
import loans from './005_loans.js';
import queueSource from './006_queue_source.js';
import kioskGuard from './007_kiosk_guard.js';
import auth from './008_auth.js';
import importsAudit from './009_imports_audit.js';
import reports from './010_reports.js';
import sync from './011_sync.js';
import namesEn from './012_names_en.js';
import requests from './013_requests.js';
import activities from './015_activities.js';
import ratings from './014_ratings.js';
import volunteering from './016_volunteering.js';
import reportTotals from './017_report_totals.js';
import syncDomains from './018_sync_domains.js';
import reportTotalsQueue from './019_report_totals_queue.js';
import reportKeptFigures from './020_report_kept_figures.js';
import outboxSeqFloor from './021_outbox_seq_floor.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Every migration, in order. A migration is never edited once released: add the next number.
 * Each domain issue adds its own file and one line here.
 */
export const migrations: Migration[] = [
  { version: 1, name: 'core', sql: core },
  { version: 2, name: 'printing', sql: printing },
  { version: 3, name: 'residents', sql: residents },
  { version: 4, name: 'queue', sql: queue },
  { version: 5, name: 'loans', sql: loans },
  { version: 6, name: 'queue_source', sql: queueSource },
  { version: 7, name: 'kiosk_guard', sql: kioskGuard },
  { version: 8, name: 'auth', sql: auth },
  { version: 9, name: 'imports_audit', sql: importsAudit },
  { version: 10, name: 'reports', sql: reports },
  { version: 11, name: 'sync', sql: sync },
  { version: 12, name: 'names_en', sql: namesEn },
  { version: 13, name: 'requests', sql: requests },
  { version: 14, name: 'ratings', sql: ratings },
  { version: 15, name: 'activities', sql: activities },
  { version: 16, name: 'volunteering', sql: volunteering },
  { version: 17, name: 'report_totals', sql: reportTotals },
  { version: 18, name: 'sync_domains', sql: syncDomains },
  { version: 19, name: 'report_totals_queue', sql: reportTotalsQueue },
  { version: 20, name: 'report_kept_figures', sql: reportKeptFigures },
  { version: 21, name: 'outbox_seq_floor', sql: outboxSeqFloor },
];

import core from './001_core.js';
import printing from './002_printing.js';
import residents from './003_residents.js';
import queue from './004_queue.js';
import loans from './005_loans.js';
import sync from './012_sync.js';

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
  { version: 12, name: 'sync', sql: sync },
];

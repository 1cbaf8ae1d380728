import core from './001_core.js';
import printing from './002_printing.js';

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
];

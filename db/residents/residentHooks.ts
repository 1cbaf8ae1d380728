import type { Db } from '../connection.js';

/**
 * Other domains that hold something about a resident (the 时间银行 account, …) register here what
 * an erasure or a merge must do to their rows. The residents module runs every hook inside its own
 * transaction, so a hook that fails rolls the whole change back; it does not import the domains.
 * - erasure: `anonymiseResident` runs the hooks after wiping the person's fields;
 * - merge: `mergeResidents` runs the hooks BEFORE it re-points every resident id column from the
 *   dropped record to the kept one, so a domain whose rows cannot simply be re-pointed (one row per
 *   person, append-only rows) settles them first.
 */
export type ErasureHook = (db: Db, residentId: number, now: Date) => void;
export type MergeHook = (db: Db, keepId: number, dropId: number, now: Date) => void;

const erasureHooks = new Map<string, ErasureHook>();
const mergeHooks = new Map<string, MergeHook>();

export function onResidentErased(name: string, hook: ErasureHook): void {
  erasureHooks.set(name, hook);
}

export function runErasureHooks(db: Db, residentId: number, now: Date): void {
  for (const hook of erasureHooks.values()) hook(db, residentId, now);
}

export function onResidentsMerged(name: string, hook: MergeHook): void {
  mergeHooks.set(name, hook);
}

export function runMergeHooks(db: Db, keepId: number, dropId: number, now: Date): void {
  for (const hook of mergeHooks.values()) hook(db, keepId, dropId, now);
}

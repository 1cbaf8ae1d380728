import type { Db } from '../connection.js';

/**
 * Other domains that hold something about a resident (the 时间银行 account, …) register here what
 * an erasure must do to their rows; `anonymiseResident` runs every hook inside its transaction, so
 * a hook that fails rolls the whole erasure back. The residents module does not import them.
 */
export type ErasureHook = (db: Db, residentId: number, now: Date) => void;

const hooks = new Map<string, ErasureHook>();

export function onResidentErased(name: string, hook: ErasureHook): void {
  hooks.set(name, hook);
}

export function runErasureHooks(db: Db, residentId: number, now: Date): void {
  for (const hook of hooks.values()) hook(db, residentId, now);
}

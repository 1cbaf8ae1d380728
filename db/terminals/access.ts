import type { Role } from '../api/contract/define.js';
import { ApiError } from '../errors/index.js';
import type { Caller } from './terminals.js';

/** What an unpaired LAN client may ask: to pair, and who it is. Nothing else, not even public data. */
export const pairingOperations: readonly string[] = ['terminals.pair', 'terminals.me'];

/** A hall TV shows and speaks calls; it never calls, takes tickets or reads anything else. */
export const displayOperations: readonly string[] = [
  ...pairingOperations,
  'settings.public',
  'queue.display',
  'queue.screenSettings',
  'queue.lines',
  'printing.job',
  'activities.display',
];

/**
 * The PIN screen's operations: they name the staff accounts and take PINs, so only the host and
 * counter terminals (where staff sign in) may call them — a kiosk or hall TV learns nothing about
 * accounts and cannot try PINs.
 */
export const signInOperations: readonly string[] = ['staff.status', 'staff.setup', 'staff.login', 'staff.choosePin', 'staff.recover'];

/**
 * Whether this caller's terminal role lets it run the operation (the staff/admin role check still
 * follows). The host — Electron IPC, or the machine itself over loopback — is never restricted.
 */
export function checkTerminalAccess(caller: Caller, operation: string, role: Role): void {
  if (caller.kind === 'host') return;
  if (caller.kind === 'unpaired') {
    if (!pairingOperations.includes(operation)) throw new ApiError('TERMINAL_NOT_PAIRED');
    return;
  }
  switch (caller.terminal.role) {
    case 'counter':
      return;
    case 'kiosk':
      if ((role !== 'public' && !pairingOperations.includes(operation)) || signInOperations.includes(operation)) throw new ApiError('TERMINAL_ROLE_FORBIDDEN');
      return;
    case 'display':
      if (!displayOperations.includes(operation)) throw new ApiError('TERMINAL_ROLE_FORBIDDEN');
      return;
  }
}

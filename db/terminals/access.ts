import type { Role } from '../api/contract/define.js';
import { ApiError } from '../errors/index.js';
import type { Caller } from './terminals.js';

/** What an unpaired LAN client may ask: to pair, and who it is. Nothing else, not even public data. */
export const pairingOperations: readonly string[] = ['terminals.pair', 'terminals.me'];

/** A hall TV shows and speaks calls (and the 光荣榜, when the manager turned it on); it never calls, takes tickets or reads anything else. */
export const displayOperations: readonly string[] = [
  ...pairingOperations,
  'settings.public',
  'queue.display',
  'queue.screenSettings',
  'queue.lines',
  'printing.job',
  'requests.board',
  'activities.display',
  // 金点子 on the hall display (issue 17.6): the public list, no names.
  'suggestions.public',
  'volunteering.honourRoll',
];

/**
 * A 评价器 (issue 17.5) shows the ticket just finished at its counter and takes one rating; it can
 * call nothing else (which tickets it may rate is checked by ratings.submit: its own counter's only).
 */
export const raterOperations: readonly string[] = [...pairingOperations, 'settings.public', 'ratings.pending', 'ratings.submit'];

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
    case 'rater':
      if (!raterOperations.includes(operation)) throw new ApiError('TERMINAL_ROLE_FORBIDDEN');
      return;
    default:
      throw new ApiError('TERMINAL_ROLE_FORBIDDEN');
  }
}

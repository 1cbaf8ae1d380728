import type { Router } from 'vue-router';
import type { WhoAmI } from '../../../db/api/contract/terminals.js';
import { createHttpTransport } from '../../api/httpTransport.js';
import { findBridge } from '../../api/ipcTransport.js';

type Status = WhoAmI | { kind: 'unpaired' } | { kind: 'unknown' };
let status: Promise<Status> | null = null;

/** Forget what the host said about this screen (after pairing, or when it said "not paired"). */
export function resetPairingStatus(): void {
  status = null;
}

function ask(): Promise<Status> {
  status ??= createHttpTransport()
    .call('terminals.me', {})
    .then((r): Status => {
      if (r.ok) return r.data as WhoAmI;
      if (r.error.code === 'TERMINAL_NOT_PAIRED') return { kind: 'unpaired' };
      return { kind: 'unknown' };
    })
    .then((s) => {
      // Ask again next time unless we know who we are: the host may be down, or pairing may follow.
      if (s.kind === 'unpaired' || s.kind === 'unknown') status = null;
      return s;
    });
  return status;
}

/**
 * In a browser on another machine, an unpaired screen only ever shows the pairing page, and a paired
 * one shows the screen of its role (a hall TV the display, a kiosk the kiosk). Electron on the host
 * (IPC) is the host and is never redirected. The API enforces the same rules on every call.
 */
export function installPairingGuard(router: Router): void {
  if (findBridge()) return;
  router.beforeEach(async (to) => {
    // /city is served by the city's hub, not by a center: no pairing there.
    if (to.name === 'city') return true;
    const who = await ask();
    if (who.kind === 'unpaired') return to.name === 'pair' ? true : { name: 'pair', query: to.query.code ? { code: to.query.code } : {} };
    if (who.kind !== 'terminal') return true;
    if (who.role === 'display' && !to.path.startsWith('/display')) return '/display';
    if (who.role === 'kiosk' && !to.path.startsWith('/kiosk')) return '/kiosk';
    if (who.role === 'rater' && !to.path.startsWith('/rating')) return '/rating';
    return true;
  });
}

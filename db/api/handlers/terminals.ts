import { networkInterfaces } from 'node:os';
import { recordAudit } from '../../audit.js';
import { createPairingCode, listTerminals, livePairingCodes, PAIRING_CODE_TRIES, pairTerminal, revokeTerminal } from '../../terminals/terminals.js';
import { recentFailures, sourceOf } from '../../terminals/throttle.js';
import { ApiError } from '../../errors/index.js';
import type { terminalsOperations } from '../contract/terminals.js';
import { requireSession, type Handlers } from './types.js';

/** The host's IPv4 addresses on the local network, for the pairing QR (loopback is useless to a TV). */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
}

export const terminalsHandlers: Handlers<keyof typeof terminalsOperations> = {
  'terminals.me': (ctx) => {
    const caller = ctx.caller ?? { kind: 'host' };
    if (caller.kind === 'host') return { kind: 'host' };
    if (caller.kind === 'unpaired') throw new ApiError('TERMINAL_NOT_PAIRED');
    return { kind: 'terminal', name: caller.terminal.name, role: caller.terminal.role, counterId: caller.terminal.counterId };
  },
  'terminals.pair': (ctx, { code }) => {
    const paired = pairTerminal(ctx.db, code, sourceOf(ctx.caller), ctx.now);
    recordAudit(
      ctx.db,
      {
        action: 'terminals.pair',
        subject: String(paired.terminal.id),
        detail: { role: paired.terminal.role, name: paired.terminal.name, counterId: paired.terminal.counterId ?? undefined },
      },
      ctx.now,
    );
    return paired;
  },
  'terminals.createCode': (ctx, { role, name, counterId }) => {
    const code = createPairingCode(ctx.db, role, name, ctx.now, counterId ?? null);
    recordAudit(
      ctx.db,
      { staffId: requireSession(ctx).staff.id, action: 'terminals.createCode', detail: { role, name, counterId: role === 'rater' ? counterId : undefined } },
      ctx.now,
    );
    return { ...code, addresses: lanAddresses() };
  },
  'terminals.pairingLog': (ctx) => ({ failures: recentFailures(ctx.db, ['pair']), codes: livePairingCodes(ctx.db, ctx.now), triesPerCode: PAIRING_CODE_TRIES }),
  'terminals.list': (ctx) => listTerminals(ctx.db),
  'terminals.revoke': (ctx, { id }) => {
    const terminal = revokeTerminal(ctx.db, id, ctx.now);
    recordAudit(ctx.db, { staffId: requireSession(ctx).staff.id, action: 'terminals.revoke', subject: String(id) }, ctx.now);
    ctx.emit({ type: 'terminal.revoked', terminalId: id });
    return terminal;
  },
};

import { z } from 'zod';
import { defineOp } from './define.js';
import type { PairingCodeStatus, Terminal, TerminalRole } from '../../terminals/terminals.js';
import type { AuthFailure } from '../../terminals/throttle.js';

export type { PairingCodeStatus, Terminal, TerminalRole } from '../../terminals/terminals.js';
export type { AuthFailure, FailureSource } from '../../terminals/throttle.js';

export const terminalRoles = ['display', 'counter', 'kiosk', 'rater'] as const satisfies readonly TerminalRole[];

/** Who the screen is talking as: the host itself, or a paired terminal with its role. */
export type WhoAmI = { kind: 'host' } | { kind: 'terminal'; name: string; role: TerminalRole; counterId: number | null };

export const terminalsOperations = {
  'terminals.me': defineOp<WhoAmI>()({
    summary: 'Whether this screen is the host or a paired terminal (unpaired LAN clients get TERMINAL_NOT_PAIRED).',
    input: z.object({}).strict(),
    role: 'public',
    errors: ['TERMINAL_NOT_PAIRED'],
  }),
  'terminals.pair': defineOp<{ token: string; terminal: Terminal }>()({
    summary: 'A new terminal enters the pairing code from the staff console and is remembered with its role.',
    input: z
      .object({
        code: z
          .string()
          .trim()
          .regex(/^\d{6}$/, 'pairingCode'),
      })
      .strict(),
    role: 'public',
    errors: ['PAIRING_CODE_WRONG', 'PAIRING_CODE_STOPPED', 'PAIRING_THROTTLED'],
  }),
  'terminals.createCode': defineOp<{ code: string; expiresAt: string; addresses: string[] }>()({
    summary: 'A one-time pairing code (10 minutes) for a terminal with this role (a 评价器 with its counter), and the host’s LAN addresses for the QR.',
    input: z
      .object({ role: z.enum(terminalRoles), name: z.string().trim().min(1, 'queueName').max(20, 'queueName'), counterId: z.number().int().positive().optional() })
      .strict()
      .refine((v) => v.role !== 'rater' || v.counterId !== undefined, { message: 'raterCounter', path: ['counterId'] }),
    role: 'admin',
    errors: ['NOT_FOUND'],
  }),
  'terminals.pairingLog': defineOp<{ failures: AuthFailure[]; codes: PairingCodeStatus[]; triesPerCode: number }>()({
    summary: 'Manager: recent wrong pairing codes with their source, and the live codes with the wrong tries they have seen.',
    input: z.object({}).strict(),
    role: 'admin',
  }),
  'terminals.list': defineOp<Terminal[]>()({
    summary: 'Paired terminals, revoked ones last.',
    input: z.object({}).strict(),
    role: 'admin',
  }),
  'terminals.revoke': defineOp<Terminal>()({
    summary: 'Forget a terminal: its token stops working at once and its event socket is closed.',
    input: z.object({ id: z.number().int().positive() }).strict(),
    role: 'admin',
    errors: ['NOT_FOUND'],
  }),
} as const;

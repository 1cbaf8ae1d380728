import { z } from 'zod';
import { defineOp } from './define.js';
import type { AuthFailure } from '../../terminals/throttle.js';

export type { AuthFailure, FailureSource } from '../../terminals/throttle.js';

export const pinSchema = z.string().regex(/^\d{4,8}$/, 'pin');
export const staffNameSchema = z.string().trim().min(1, 'staffName').max(20, 'staffName');
/** 16 letters and digits as printed (ABCD-EFGH-JKLM-NPQR); spaces, dashes and small letters are forgiven. */
export const recoveryCodeSchema = z
  .string()
  .max(40, 'recoveryCode')
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{16}$/, 'recoveryCode'));

export type StaffRole = 'admin' | 'staff';

export interface StaffAccount {
  id: number;
  name: string;
  role: StaffRole;
}

/** An account on the PIN screen: `needsNewPin` = the manager reset it; the person chooses a PIN. */
export interface SignInAccount extends StaffAccount {
  needsNewPin: boolean;
}

/** An account as 账号管理 shows it. */
export interface StaffAccountDetail extends SignInAccount {
  active: boolean;
  hasRecoveryCode: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface StaffSession {
  token: string;
  staff: StaffAccount;
  expiresAt: string;
}

/** A session opened together with a new recovery code: shown once, never stored in clear. */
export interface StaffSessionWithCode extends StaffSession {
  recoveryCode: string;
}

const id = z.number().int().positive('required');

export const staffOperations = {
  'staff.status': defineOp<{ setUp: boolean; accounts: SignInAccount[] }>()({
    summary: 'Whether a manager PIN exists yet, and the accounts to pick from on the PIN screen (host and counter terminals only).',
    input: z.object({}).strict(),
    role: 'public',
    errors: ['TERMINAL_ROLE_FORBIDDEN'],
  }),
  'staff.setup': defineOp<StaffSessionWithCode>()({
    summary: 'First run only: create the manager account with its PIN, and sign in. Returns the recovery code, once.',
    input: z.object({ name: staffNameSchema, pin: pinSchema }).strict(),
    role: 'public',
    errors: ['ALREADY_SET_UP'],
  }),
  'staff.login': defineOp<StaffSession>()({
    summary: 'Sign in with an account and its PIN. Wrong PINs are counted per account and source (host, each terminal) and make that source wait.',
    input: z.object({ staffId: id, pin: pinSchema }).strict(),
    role: 'public',
    errors: ['PIN_WRONG', 'PIN_LOCKED', 'PIN_RESET_REQUIRED', 'NOT_FOUND', 'NOT_SET_UP'],
  }),
  'staff.choosePin': defineOp<StaffSession>()({
    summary: 'After the manager reset a PIN (or made the account without one): the person chooses a new PIN and is signed in.',
    input: z.object({ staffId: id, pin: pinSchema }).strict(),
    role: 'public',
    errors: ['PIN_NOT_RESET', 'NOT_FOUND', 'NOT_SET_UP'],
  }),
  'staff.recover': defineOp<StaffSessionWithCode>()({
    summary: 'A manager who forgot the PIN or is locked out: the recovery code sets a new PIN, lifts the locks and signs in; a new code is returned once.',
    input: z.object({ staffId: id, code: recoveryCodeSchema, pin: pinSchema }).strict(),
    role: 'public',
    errors: ['RECOVERY_CODE_WRONG', 'RECOVERY_LOCKED', 'NOT_FOUND', 'NOT_SET_UP'],
  }),
  'staff.logout': defineOp<{ ok: true }>()({
    summary: 'End this staff session.',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'staff.me': defineOp<StaffAccount>()({
    summary: 'Who is signed in on this session.',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'staff.list': defineOp<StaffAccountDetail[]>()({
    summary: 'Manager: every account with its role, state and last sign-in.',
    input: z.object({}).strict(),
    role: 'admin',
  }),
  'staff.create': defineOp<StaffAccount>()({
    summary: 'Manager adds a staff or manager account, with a PIN or for the person to choose one at first sign-in.',
    input: z.object({ name: staffNameSchema, pin: pinSchema.optional(), role: z.enum(['admin', 'staff']) }).strict(),
    role: 'admin',
  }),
  'staff.update': defineOp<StaffAccountDetail>()({
    summary: 'Manager changes an account’s role or disables/enables it; the last active manager cannot be disabled or made staff.',
    input: z.object({ id, role: z.enum(['admin', 'staff']).optional(), active: z.boolean().optional() }).strict(),
    role: 'admin',
    errors: ['STAFF_LAST_MANAGER', 'NOT_FOUND'],
  }),
  'staff.resetPin': defineOp<StaffAccountDetail>()({
    summary: 'Manager resets an account’s PIN: the person chooses a new one at next sign-in; its sessions end.',
    input: z.object({ id }).strict(),
    role: 'admin',
    errors: ['NOT_FOUND'],
  }),
  'staff.newRecoveryCode': defineOp<{ recoveryCode: string }>()({
    summary: 'Manager makes a new recovery code for their own account (the old one stops working); shown once.',
    input: z.object({}).strict(),
    role: 'admin',
  }),
  'staff.failures': defineOp<AuthFailure[]>()({
    summary: 'Manager: the latest failed sign-ins and recovery-code tries, with the source (本机, a terminal, an address).',
    input: z.object({}).strict(),
    role: 'admin',
  }),
} as const;

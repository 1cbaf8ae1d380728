import { z } from 'zod';
import { defineOp } from './define.js';

export const pinSchema = z.string().regex(/^\d{4,8}$/, 'pin');
export const staffNameSchema = z.string().trim().min(1, 'staffName').max(20, 'staffName');

export type StaffRole = 'admin' | 'staff';

export interface StaffAccount {
  id: number;
  name: string;
  role: StaffRole;
}

export interface StaffSession {
  token: string;
  staff: StaffAccount;
  expiresAt: string;
}

export const staffOperations = {
  'staff.status': defineOp<{ setUp: boolean; accounts: StaffAccount[] }>()({
    summary: 'Whether a manager PIN exists yet, and the accounts to pick from on the PIN screen.',
    input: z.object({}).strict(),
    role: 'public',
  }),
  'staff.setup': defineOp<StaffSession>()({
    summary: 'First run only: create the manager account with its PIN, and sign in.',
    input: z.object({ name: staffNameSchema, pin: pinSchema }).strict(),
    role: 'public',
    errors: ['ALREADY_SET_UP'],
  }),
  'staff.login': defineOp<StaffSession>()({
    summary: 'Sign in with an account and its PIN. Wrong PINs are counted and lock the account for a while.',
    input: z.object({ staffId: z.number().int().positive('required'), pin: pinSchema }).strict(),
    role: 'public',
    errors: ['PIN_WRONG', 'PIN_LOCKED', 'NOT_FOUND', 'NOT_SET_UP'],
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
  'staff.create': defineOp<StaffAccount>()({
    summary: 'Manager adds a staff or manager account with its own PIN.',
    input: z.object({ name: staffNameSchema, pin: pinSchema, role: z.enum(['admin', 'staff']) }).strict(),
    role: 'admin',
  }),
} as const;

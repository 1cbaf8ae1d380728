import { z } from 'zod';
import { defineOp } from './define.js';
import type { DepositTotals } from '../../loans/deposits.js';
import type { LoanRow } from '../../loans/lists.js';
import type { Reservation } from '../../loans/reservations.js';
import type { LoanResident } from '../../loans/residentInfo.js';
import type { Unit } from '../../inventory/units.js';

export type { DepositTotals, LoanRow, Reservation, LoanResident };

const id = z.number().int().positive();
const code = z.string().trim().min(1, 'required').max(60, 'invalid');
const isoTime = z.string().datetime({ message: 'invalid' });
/** 'YYYY-MM-DD' that is a real day (not 2026-02-30). */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid')
  .refine((v) => {
    const day = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(v);
  }, 'invalid');

export interface CheckoutOutput {
  loan: LoanRow;
  unit: Unit;
  /** The loan slip print job, when one was asked for. */
  jobId: number | null;
}

export interface ReturnOutput {
  loan: LoanRow;
  unit: Unit;
  jobId: number | null;
}

export const loansOperations = {
  'loans.resident': defineOp<LoanResident & { openLoans: LoanRow[]; overdue: number }>()({
    summary: 'The resident a scanned service card (HNR1:…) or typed card number belongs to, with what they have out.',
    input: z.union([z.object({ card: code }).strict(), z.object({ residentId: id }).strict()]),
    role: 'staff',
    errors: ['LOAN_RESIDENT_UNKNOWN', 'LOAN_RESIDENT_MERGED', 'LOAN_RESIDENT_ERASED'],
  }),
  'loans.checkout': defineOp<CheckoutOutput>()({
    summary: 'Lend one unit to a resident (one transaction with the unit’s status); prints the loan slip.',
    input: z
      .object({
        residentId: id,
        unitCode: code.optional(),
        unitId: id.optional(),
        dueAt: isoTime.optional(),
        depositFen: z.number().int('money').min(0, 'money').max(100_000_000, 'money'),
        depositMethod: z.enum(['cash', 'wechat', 'alipay', 'waived']),
        overrideReason: z.string().trim().min(2, 'overrideReason').max(100, 'overrideReason').optional(),
        print: z.boolean().default(true),
      })
      .strict()
      .refine((v) => v.unitCode || v.unitId, { message: 'required', path: ['unitCode'] }),
    role: 'staff',
    errors: [
      'LOAN_RESIDENT_UNKNOWN',
      'LOAN_RESIDENT_MERGED',
      'LOAN_RESIDENT_ERASED',
      'LOAN_UNIT_UNKNOWN',
      'LOAN_UNIT_OUT',
      'LOAN_UNIT_REPAIR',
      'LOAN_UNIT_RETIRED',
      'LOAN_UNIT_CLEANING',
      'LOAN_RESIDENT_OVERDUE',
      'LOAN_CATEGORY_RESERVED',
      'LOAN_DUE_BEFORE_OUT',
      'NOT_FOUND',
    ],
  }),
  'loans.openFor': defineOp<LoanRow>()({
    summary: 'The open loan of a scanned unit (for the return screen).',
    input: z.object({ unitCode: code }).strict(),
    role: 'staff',
    errors: ['LOAN_UNIT_UNKNOWN', 'LOAN_NOT_OUT'],
  }),
  'loans.return': defineOp<ReturnOutput>()({
    summary: 'Return: condition 完好/损坏/丢失 with a note, deposit refund recorded; damaged → 维修中, lost → 报废.',
    input: z
      .object({
        unitCode: code.optional(),
        loanId: id.optional(),
        condition: z.enum(['good', 'damaged', 'lost']),
        note: z.string().trim().max(100, 'tooLong').optional(),
        refundFen: z.number().int('money').min(0, 'money').optional(),
        print: z.boolean().default(false),
      })
      .strict()
      .refine((v) => v.unitCode || v.loanId, { message: 'required', path: ['unitCode'] }),
    role: 'staff',
    errors: ['LOAN_UNIT_UNKNOWN', 'LOAN_NOT_OUT', 'LOAN_REFUND_TOO_MUCH', 'LOAN_KEEP_NEEDS_REASON', 'NOT_FOUND'],
  }),
  'loans.open': defineOp<LoanRow[]>()({
    summary: '借出中: every open loan with the resident’s name and phone, soonest due first.',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'loans.overdue': defineOp<LoanRow[]>()({
    summary: '已逾期: open loans past their due time.',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'loans.markReminded': defineOp<LoanRow>()({
    summary: '已电话提醒: record that staff phoned about this loan, with the time.',
    input: z.object({ loanId: id }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND'],
  }),
  'loans.history': defineOp<LoanRow[]>()({
    summary: 'Every loan of one unit, or of one resident, newest first.',
    input: z.union([z.object({ unitId: id }).strict(), z.object({ residentId: id }).strict()]),
    role: 'staff',
  }),
  'loans.summary': defineOp<{ out: number; dueToday: number; overdue: number }>()({
    summary: 'For the staff home cards 物资借出 / 逾期未还.',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'loans.reserve': defineOp<Reservation>()({
    summary: 'Hold a category for a resident for a local date; counts against availability, expires if not collected.',
    input: z.object({ categoryId: id, residentId: id, forDate: calendarDate, note: z.string().trim().max(100, 'tooLong').optional() }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'LOAN_RESIDENT_UNKNOWN', 'LOAN_RESIDENT_MERGED', 'LOAN_RESIDENT_ERASED', 'LOAN_NONE_TO_RESERVE', 'LOAN_RESERVE_DATE_PASSED', 'LOAN_WRONG_KIND'],
  }),
  'loans.reservations': defineOp<Reservation[]>()({
    summary: 'Reservations from a week ago onwards (past holds shown as expired).',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'loans.cancelReservation': defineOp<Reservation>()({
    summary: 'Cancel a held reservation.',
    input: z.object({ id }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'LOAN_RESERVATION_CLOSED'],
  }),
  'loans.deposits': defineOp<DepositTotals>()({
    summary: '押金台账: totals held / refunded / kept (they add up to collected).',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'loans.exportDeposits': defineOp<{ fileName: string; csv: string }>()({
    summary: '押金台账 export: every loan’s deposit, refund and kept amount as CSV in the center’s time, with totals; recorded in the audit log.',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'loans.usage': defineOp<Array<{ categoryId: number; name: string; loans: number }>>()({
    summary: 'How often each category was lent in a period (for reports).',
    input: z.object({ from: isoTime, to: isoTime }).strict(),
    role: 'staff',
  }),
} as const;

import { addMinutes } from '../../inventory/time.js';
import { centerTimeZone, localDate, startOfLocalDay } from '../../localTime.js';
import { getUnit } from '../../inventory/units.js';
import { checkout, overdueCount } from '../../loans/checkout.js';
import { depositsCsv, depositTotals } from '../../loans/deposits.js';
import { returnLoan } from '../../loans/giveBack.js';
import { categoryUsage, getLoan, listOpenLoans, listOverdueLoans, loanHistory, loanSummary, markReminded, type LoanRow } from '../../loans/lists.js';
import { cancelReservation, listReservations, reserve } from '../../loans/reservations.js';
import { maskName, residentByCard, residentById } from '../../loans/residentInfo.js';
import { findUnitByCode } from '../../inventory/units.js';
import type { LoanSlipData } from '../../printing/layouts/loanSlip.js';
import type { Db } from '../../connection.js';
import { recordAudit } from '../../audit.js';
import { readSettings } from '../../settings.js';
import { ApiError } from '../../errors/index.js';
import type { loansOperations } from '../contract/loans.js';
import { requireSession, type CallContext, type Handlers } from './types.js';

const conditionLabel = { good: '完好', damaged: '损坏', lost: '丢失' } as const;

/** 借用凭条 = 不打印 (the default): no job at all, as with tickets — not a job that fails. */
function slip(ctx: CallContext, loan: LoanRow, kind: 'loan' | 'return'): number | null {
  if (readSettings(ctx.db)['printing.targets'].loanSlip.kind === 'none') return null;
  const data: LoanSlipData = {
    kind,
    loanId: loan.id,
    categoryName: loan.categoryName,
    assetTag: loan.assetTag,
    residentMasked: maskName(loan.residentName),
    outAt: loan.outAt,
    dueAt: loan.dueAt,
    depositFen: loan.depositFen,
    depositMethod: loan.depositMethod,
    returnedAt: loan.returnedAt,
    conditionLabel: loan.condition ? conditionLabel[loan.condition] : null,
    returnNote: loan.returnNote,
    refundFen: loan.refundFen,
    keptFen: loan.keptFen,
  };
  return ctx.print.submit({ jobType: 'loanSlip', layoutId: 'loanSlip', data }).jobId;
}

/** The end of the center's local day, as UTC ISO: "due today" means before local midnight. */
function endOfLocalDay(db: Db, now: Date): string {
  const timeZone = centerTimeZone(db);
  return startOfLocalDay(localDate(addMinutes(now, 24 * 60), timeZone), timeZone).toISOString();
}

export const loansHandlers: Handlers<keyof typeof loansOperations> = {
  'loans.resident': ({ db, now }, input) => {
    const resident = 'card' in input ? residentByCard(db, input.card, now) : residentById(db, input.residentId);
    return { ...resident, openLoans: loanHistory(db, { residentId: resident.id }, now).filter((l) => !l.returnedAt), overdue: overdueCount(db, resident.id, now) };
  },
  'loans.checkout': (ctx, { print, ...input }) => {
    const staffId = requireSession(ctx).staff.id;
    // IMMEDIATE: the write lock is taken before the unit is read, so two desks cannot both see it 在库.
    const result = ctx.db
      .transaction(() => {
        const out = checkout(ctx.db, { ...input, staffId }, ctx.now);
        const loan = getLoan(ctx.db, out.loanId, ctx.now);
        return { loan, unit: out.unit, jobId: print ? slip(ctx, loan, 'loan') : null };
      })
      .immediate();
    ctx.emit({ type: 'loans.changed' });
    return result;
  },
  'loans.openFor': ({ db, now }, { unitCode }) => {
    const unit = findUnitByCode(db, unitCode, now);
    const open = loanHistory(db, { unitId: unit.id }, now).find((l) => !l.returnedAt);
    if (!open) throw new ApiError('LOAN_NOT_OUT', { tag: unit.assetTag });
    return open;
  },
  'loans.return': (ctx, { print, ...input }) => {
    const staffId = requireSession(ctx).staff.id;
    const result = ctx.db
      .transaction(() => {
        const out = returnLoan(ctx.db, { ...input, staffId }, ctx.now);
        const loan = getLoan(ctx.db, out.loanId, ctx.now);
        return { loan, unit: getUnit(ctx.db, out.unit.id, ctx.now), jobId: print ? slip(ctx, loan, 'return') : null };
      })
      .immediate();
    ctx.emit({ type: 'loans.changed' });
    return result;
  },
  'loans.open': ({ db, now }) => listOpenLoans(db, now),
  'loans.overdue': ({ db, now }) => listOverdueLoans(db, now),
  'loans.markReminded': (ctx, { loanId }) => {
    const loan = markReminded(ctx.db, loanId, requireSession(ctx).staff.id, ctx.now);
    ctx.emit({ type: 'loans.changed' }); // the other desk's list shows 已提醒 too
    return loan;
  },
  'loans.history': ({ db, now }, input) => loanHistory(db, input, now),
  'loans.summary': ({ db, now }) => loanSummary(db, now, endOfLocalDay(db, now)),
  'loans.reserve': (ctx, input) => {
    const staffId = requireSession(ctx).staff.id;
    return ctx.db.transaction(() => reserve(ctx.db, { ...input, staffId }, ctx.now)).immediate();
  },
  'loans.reservations': ({ db, now }) => listReservations(db, now),
  'loans.cancelReservation': (ctx, { id }) => ctx.db.transaction(() => cancelReservation(ctx.db, id, requireSession(ctx).staff.id, ctx.now))(),
  'loans.deposits': ({ db }) => depositTotals(db),
  'loans.exportDeposits': (ctx) => {
    const staffId = requireSession(ctx).staff.id;
    const timeZone = centerTimeZone(ctx.db);
    const csv = depositsCsv(ctx.db, timeZone);
    const fileName = `押金台账-${localDate(ctx.now, timeZone)}.csv`;
    recordAudit(ctx.db, { staffId, action: 'loans.exportDeposits', subject: fileName }, ctx.now);
    return { fileName, csv };
  },
  'loans.usage': ({ db }, { from, to }) => categoryUsage(db, from, to),
};

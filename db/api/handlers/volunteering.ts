import { recordAudit } from '../../audit.js';
import { ApiError } from '../../errors/index.js';
import { centerTimeZone, localDate, startOfLocalDay } from '../../localTime.js';
import { documentHtml } from '../../printing/documentHtml.js';
import { reasonOf } from '../../printing/errors.js';
import type { PointsReceiptData } from '../../printing/layouts/pointsReceipt.js';
import { readSetting } from '../../settings.js';
import { maskName, maskPhone } from '../../residents/schema.js';
import { accountView, honourRoll } from '../../volunteering/account.js';
import { listItems, restockItem, saveItem } from '../../volunteering/catalogue.js';
import { decideManualCredit, listHours, requestManualCredit } from '../../volunteering/credit.js';
import { readVolConfig, writeVolConfig } from '../../volunteering/config.js';
import '../../volunteering/erasure.js';
import { accountHistory, findResidentAccount } from '../../volunteering/ledger.js';
import { redeem, reverseLedgerTransaction } from '../../volunteering/redeem.js';
import { statementData } from '../../volunteering/statement.js';
import { activeResident, getVolunteer, listVolunteers, residentByCardCode, saveVolunteer } from '../../volunteering/volunteers.js';
import type { volunteeringOperations, DeskResident } from '../contract/volunteering.js';
import { verifiedResident, whoOf } from './residents.js';
import { requireSession, type CallContext, type Handlers } from './types.js';

function deskResident(ctx: CallContext, residentId: number): DeskResident {
  const r = activeResident(ctx.db, residentId);
  return {
    residentId: r.id,
    name: r.name ?? '',
    maskedPhone: maskPhone(r.phone),
    cardNo: r.cardNo,
    interests: r.interests,
    partyMember: r.partyMember,
    volunteer: getVolunteer(ctx.db, r.id),
    account: accountView(ctx.db, r, 50),
  };
}

async function statementPdf(ctx: CallContext, residentId: number): Promise<{ fileName: string; base64: string }> {
  const data = statementData(ctx.db, residentId);
  const doc = await ctx.print.render('pointsStatement', data);
  const { html, size } = documentHtml(doc, 80);
  try {
    const pdf = await ctx.print.engines.renderPdf(html, size);
    return { fileName: `时间银行对账单-${data.name}-${localDate(ctx.now, centerTimeZone(ctx.db))}.pdf`, base64: pdf.toString('base64') };
  } catch (err) {
    throw new ApiError('PRINT_FAILED', { reason: reasonOf(err) });
  }
}

export const volunteeringHandlers: Handlers<keyof typeof volunteeringOperations> = {
  // The kiosk: the residents' identification (card, or phone + proof, with the look-up guard), then one read.
  'volunteering.kiosk.account': (ctx, input) => accountView(ctx.db, verifiedResident(ctx, whoOf(input)), 20),
  'volunteering.honourRoll': ({ db, now }) => honourRoll(db, now),

  'volunteering.resident': (ctx, input) => deskResident(ctx, 'card' in input ? residentByCardCode(ctx.db, input.card).id : input.residentId),
  'volunteering.volunteers': ({ db }, { includeInactive }) => listVolunteers(db, { includeInactive }),
  'volunteering.saveVolunteer': (ctx, input) => {
    const staffId = requireSession(ctx).staff.id;
    return ctx.db
      .transaction(() => {
        const { created } = saveVolunteer(ctx.db, input, ctx.now);
        recordAudit(
          ctx.db,
          {
            staffId,
            action: created ? 'volunteering.registered' : 'volunteering.updated',
            subject: `resident:${input.residentId}`,
            detail: { skills: input.skills, active: input.active },
          },
          ctx.now,
        );
        return getVolunteer(ctx.db, input.residentId)!;
      })
      .immediate();
  },
  'volunteering.requestCredit': (ctx, { workedOn, ...input }) => {
    const staffId = requireSession(ctx).staff.id;
    const timeZone = centerTimeZone(ctx.db);
    // The day of service as the center's noon-free local start: a day, not an hour, is what staff know.
    const workedAt = startOfLocalDay(workedOn, timeZone);
    if (workedOn > localDate(ctx.now, timeZone)) throw new ApiError('VOL_WORKED_IN_FUTURE');
    return ctx.db.transaction(() => requestManualCredit(ctx.db, { ...input, workedAt: workedAt.toISOString(), staffId }, ctx.now)).immediate();
  },
  'volunteering.credits': ({ db }, input) => listHours(db, input),
  'volunteering.decideCredit': (ctx, { id, approve, note }) => {
    const staffId = requireSession(ctx).staff.id;
    return ctx.db.transaction(() => decideManualCredit(ctx.db, { id, approve, note: note ?? null, staffId }, ctx.now)).immediate();
  },
  'volunteering.items': ({ db }, { includeInactive }) => listItems(db, { includeInactive }),
  'volunteering.saveItem': (ctx, input) => {
    const staffId = requireSession(ctx).staff.id;
    return ctx.db.transaction(() => saveItem(ctx.db, input, staffId, ctx.now)).immediate();
  },
  'volunteering.restock': (ctx, { id, add }) => {
    const staffId = requireSession(ctx).staff.id;
    return ctx.db.transaction(() => restockItem(ctx.db, id, add, staffId, ctx.now)).immediate();
  },
  'volunteering.redeem': (ctx, { print, ...input }) => {
    const staffId = requireSession(ctx).staff.id;
    // IMMEDIATE: the write lock comes before the balance and the stock are read (two desks, one last bag of rice).
    return ctx.db
      .transaction(() => {
        const redemption = redeem(ctx.db, { ...input, staffId }, ctx.now);
        let jobId: number | null = null;
        if (print && readSetting(ctx.db, 'printing.targets').loanSlip.kind !== 'none') {
          const r = activeResident(ctx.db, input.residentId);
          const data: PointsReceiptData = {
            redemptionId: redemption.id,
            residentMasked: maskName(r.name),
            at: redemption.at,
            lines: redemption.lines.map((l) => ({ name: l.name, quantity: l.quantity, unitPoints: l.unitPoints })),
            totalPoints: redemption.totalPoints,
            balanceAfter: redemption.balanceAfter,
          };
          jobId = ctx.print.submit({ jobType: 'loanSlip', layoutId: 'pointsReceipt', data }).jobId;
        }
        return { redemption, jobId };
      })
      .immediate();
  },
  'volunteering.reverse': (ctx, input) => {
    const staffId = requireSession(ctx).staff.id;
    return ctx.db.transaction(() => reverseLedgerTransaction(ctx.db, { ...input, staffId }, ctx.now)).immediate();
  },
  'volunteering.history': ({ db }, { residentId, limit }) => {
    const account = findResidentAccount(db, residentId);
    return account === null ? [] : accountHistory(db, account, limit);
  },
  'volunteering.statementPdf': async (ctx, { residentId }) => {
    const staffId = requireSession(ctx).staff.id;
    const out = await statementPdf(ctx, residentId);
    recordAudit(ctx.db, { staffId, action: 'volunteering.statementPdf', subject: `resident:${residentId}` }, ctx.now);
    return out;
  },
  'volunteering.printStatement': (ctx, { residentId }) => {
    const staffId = requireSession(ctx).staff.id;
    if (readSetting(ctx.db, 'printing.targets').report.kind === 'none') throw new ApiError('REPORT_NO_PRINTER');
    const { jobId } = ctx.print.submit({ jobType: 'report', layoutId: 'pointsStatement', data: statementData(ctx.db, residentId) });
    recordAudit(ctx.db, { staffId, action: 'volunteering.printStatement', subject: `resident:${residentId}`, detail: { jobId } }, ctx.now);
    return { jobId };
  },
  'volunteering.config': ({ db }) => readVolConfig(db),
  'volunteering.setConfig': (ctx, input) => {
    const staffId = requireSession(ctx).staff.id;
    return ctx.db.transaction(() => {
      const before = readVolConfig(ctx.db);
      const after = writeVolConfig(ctx.db, input);
      recordAudit(ctx.db, { staffId, action: 'volunteering.setConfig', detail: { before, after } }, ctx.now);
      return after;
    })();
  },
};

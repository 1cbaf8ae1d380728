import '../../volunteering/activityLink.js';
import { recordAudit } from '../../audit.js';
import {
  activityCard,
  activitiesBetween,
  cancelActivity,
  getActivityRow,
  requireActivity,
  saveActivity,
  upcomingActivities,
  volunteerMinutesOf,
} from '../../activities/activities.js';
import { attendanceFigures, checkInAttendance } from '../../activities/attendance.js';
import { callList, startingSoon } from '../../activities/reminders.js';
import { bookRoom, cancelBooking, listRooms, roomBoard, saveRoom, slotsBetween } from '../../activities/rooms.js';
import { cancelSignup, markTold, promotedToTell, setSignupPrintJob, signUp, signUpGroup, waitlistPlace } from '../../activities/signups.js';
import { activityTypeLabels, type MySignup } from '../../activities/types.js';
import { ApiError } from '../../errors/index.js';
import { centerTimeZone } from '../../localTime.js';
import { addDays } from '../../reports/period.js';
import { parseCardCode } from '../../residents/cards.js';
import { assertLookupAllowed, assertProofAllowed, clearProofFailures, MISS_COST, proofMatches, recordProofFailure, spendLookup } from '../../residents/kioskGuard.js';
import { findActiveByCard, findActiveByPhone, type Resident } from '../../residents/residents.js';
import { maskName, maskPhone } from '../../residents/schema.js';
import { readSetting } from '../../settings.js';
import { formatCenterTime, instantOfLocalTime, localClock } from '../../wallClock.js';
import type { ActivitySlipData } from '../../printing/layouts/activitySlip.js';
import type { activitiesOperations, SignupListRow } from '../contract/activities.js';
import { requireSession, type CallContext, type Handlers } from './types.js';

/** The host's own kiosk is one source; each paired terminal another (the residents' kiosk guard). */
function sourceOf(ctx: CallContext): string {
  return ctx.caller?.kind === 'terminal' ? `terminal:${ctx.caller.terminal.id}` : 'host';
}

type KioskWho = { card?: string; phone?: string; birthYear?: number };

/**
 * The kiosk's ways in, as at 报到登记: the service card in the person's hand, or the phone number
 * with the birth year as proof. Every miss — a code that is not one of our cards, a card or phone
 * nobody holds, a wrong birth year — costs the source points in the kiosk guard (and wrong years
 * close that person's phone path for a while), so a kiosk cannot be used to walk through card
 * numbers or phones and read who signed up for what.
 */
function kioskHolder(ctx: CallContext, who: KioskWho): Resident {
  const { db, now } = ctx;
  const source = sourceOf(ctx);
  assertLookupAllowed(db, source, now);
  const spend = (cost: number) => {
    const blocked = spendLookup(db, source, cost, now);
    if (blocked !== null) throw new ApiError('KIOSK_LOOKUP_LIMITED', { seconds: blocked });
  };
  const miss = (code: 'CARD_INVALID' | 'RESIDENT_NOT_FOUND'): never => {
    spend(MISS_COST);
    throw new ApiError(code);
  };
  if (who.card !== undefined) {
    const cardNo = parseCardCode(who.card);
    if (!cardNo) return miss('CARD_INVALID');
    return findActiveByCard(db, cardNo) ?? miss('RESIDENT_NOT_FOUND');
  }
  const r = findActiveByPhone(db, who.phone!) ?? miss('RESIDENT_NOT_FOUND');
  spend(1);
  assertProofAllowed(db, r.id, now);
  if (!proofMatches(r, { birthYear: who.birthYear! })) {
    recordProofFailure(db, r.id, source, now);
    spend(MISS_COST - 1);
    assertProofAllowed(db, r.id, now);
    throw new ApiError('RESIDENT_PROOF_WRONG');
  }
  clearProofFailures(db, r.id);
  return r;
}

const whoOf = (input: KioskWho): KioskWho => (input.card !== undefined ? { card: input.card } : { phone: input.phone!, birthYear: input.birthYear! });

/** Staff scanning at the door: no guard (a signed-in session), but the same card rules. */
function staffHolder(ctx: CallContext, raw: string): Resident {
  const cardNo = parseCardCode(raw);
  if (!cardNo) throw new ApiError('CARD_INVALID');
  const r = findActiveByCard(ctx.db, cardNo);
  if (!r) throw new ApiError('RESIDENT_NOT_FOUND');
  return r;
}

const tz = (ctx: CallContext) => centerTimeZone(ctx.db);

function mySignups(ctx: CallContext, residentId: number): MySignup[] {
  const rows = ctx.db
    .prepare(
      `SELECT s.id, s.status, s.activity_id AS activityId FROM activity_signups s JOIN activities a ON a.id = s.activity_id
       WHERE s.resident_id = ? AND s.status <> 'cancelled' AND a.ends_at > ? ORDER BY a.starts_at, s.id`,
    )
    .all(residentId, ctx.now.toISOString()) as Array<{ id: number; status: 'confirmed' | 'waitlisted'; activityId: number }>;
  return rows.map((s) => ({
    signupId: s.id,
    status: s.status,
    waitlistPlace: s.status === 'waitlisted' ? waitlistPlace(ctx.db, s.activityId, s.id) : null,
    activity: activityCard(ctx.db, requireActivity(ctx.db, s.activityId), ctx.now),
  }));
}

function whenText(startsAt: string, endsAt: string, timeZone: string): string {
  return `${formatCenterTime(startsAt, timeZone)}–${localClock(new Date(endsAt), timeZone).time}`;
}

function changed(ctx: CallContext): void {
  ctx.emit({ type: 'activities.changed' });
}

export const activitiesHandlers: Handlers<keyof typeof activitiesOperations> = {
  // The kiosk lists what a person can still sign up for, or will be able to; one already under way with closed sign-ups is left out.
  'activities.upcoming': (ctx) => upcomingActivities(ctx.db, ctx.now, { days: 30 }).filter((a) => a.signup !== 'closed' || a.startsAt > ctx.now.toISOString()),
  'activities.roomBoard': (ctx) => roomBoard(ctx.db, ctx.now, tz(ctx)),
  'activities.display': (ctx) => ({
    board: readSetting(ctx.db, 'activities.displayBoard') ? roomBoard(ctx.db, ctx.now, tz(ctx)) : null,
    soon: startingSoon(ctx.db, ctx.now, tz(ctx), 15),
  }),

  'activities.kiosk.signUp': (ctx, input) => {
    const { activityId } = input;
    const r = kioskHolder(ctx, whoOf(input));
    const timeZone = tz(ctx);
    const outcome = signUp(ctx.db, { activityId, residentId: r.id, source: 'kiosk' }, ctx.now, timeZone);
    const a = requireActivity(ctx.db, activityId);
    const activity = activityCard(ctx.db, a, ctx.now);
    const local = localClock(ctx.now, timeZone);
    const slip: ActivitySlipData = {
      title: a.title,
      typeLabel: activityTypeLabels[a.type].zh,
      status: outcome.status,
      waitlistPlace: outcome.waitlistPlace,
      maskedName: maskName(r.name),
      when: whenText(a.starts_at, a.ends_at, timeZone),
      place: activity.place,
      notes: a.notes,
      signedUpLocal: `${local.day} ${local.time}`,
    };
    changed(ctx);
    let printJobId: number | null = null;
    try {
      // With no ticket printer the screen is the slip (shown large); a printer problem never loses the sign-up.
      if (readSetting(ctx.db, 'printing.targets').ticket.kind !== 'none') {
        printJobId = ctx.print.submit({ jobType: 'ticket', layoutId: 'activitySlip', data: slip }).jobId;
        setSignupPrintJob(ctx.db, outcome.signupId, printJobId);
      }
    } catch (err) {
      console.error('[activities] slip not submitted', err);
    }
    return { maskedName: maskName(r.name), outcome, activity, slip, printJobId };
  },
  'activities.kiosk.mine': (ctx, input) => {
    const r = kioskHolder(ctx, whoOf(input));
    return { maskedName: maskName(r.name), signups: mySignups(ctx, r.id) };
  },
  'activities.kiosk.cancel': (ctx, input) => {
    const { signupId } = input;
    const r = kioskHolder(ctx, whoOf(input));
    const { promoted, activityId } = cancelSignup(ctx.db, signupId, ctx.now, { residentId: r.id });
    recordAudit(ctx.db, { action: 'activities.cancelSignup', subject: `activity:${activityId}`, detail: { signupId, via: 'kiosk', promoted } }, ctx.now);
    changed(ctx);
    return { maskedName: maskName(r.name), signups: mySignups(ctx, r.id) };
  },

  'activities.list': (ctx, { scope }) => {
    const rows =
      scope === 'upcoming'
        ? upcomingActivities(ctx.db, ctx.now, { days: 365, includeCancelled: true })
        : activitiesBetween(ctx.db, new Date(ctx.now.getTime() - 60 * 86_400_000).toISOString(), ctx.now.toISOString())
            .filter((a) => a.ends_at <= ctx.now.toISOString())
            .reverse()
            .map((a) => activityCard(ctx.db, a, ctx.now));
    return rows.map((card) => {
      const f = attendanceFigures(ctx.db, card.id, ctx.now);
      return { ...card, attended: f.attended, noShows: f.noShows };
    });
  },
  'activities.detail': (ctx, { id }) => {
    const a = requireActivity(ctx.db, id);
    const rows = ctx.db
      .prepare(
        `SELECT s.id AS signupId, s.resident_id AS residentId, r.name, r.phone, s.status, s.source, s.created_at AS createdAt, s.promoted_at AS promotedAt, s.told_at AS toldAt,
           t.checked_in_at AS checkedInAt
         FROM activity_signups s JOIN residents r ON r.id = s.resident_id
         LEFT JOIN activity_attendance t ON t.activity_id = s.activity_id AND t.resident_id = s.resident_id AND t.role = 'participant'
         WHERE s.activity_id = ? ORDER BY s.id`,
      )
      .all(id) as Array<Omit<SignupListRow, 'maskedPhone' | 'waitlistPlace' | 'name'> & { name: string | null; phone: string | null }>;
    let place = 0;
    const signups = rows.map(({ phone, name, ...s }) => ({
      ...s,
      name: name ?? '',
      maskedPhone: maskPhone(phone),
      waitlistPlace: s.status === 'waitlisted' ? ++place : null,
    }));
    const minutes = volunteerMinutesOf(a);
    const volunteers = (
      ctx.db
        .prepare(
          "SELECT t.resident_id AS residentId, r.name, t.checked_in_at AS checkedInAt FROM activity_attendance t JOIN residents r ON r.id = t.resident_id WHERE t.activity_id = ? AND t.role = 'volunteer' ORDER BY t.id",
        )
        .all(id) as Array<{ residentId: number; name: string | null; checkedInAt: string }>
    ).map((v) => ({ ...v, name: v.name ?? '', minutes }));
    return { activity: activityCard(ctx.db, a, ctx.now), figures: attendanceFigures(ctx.db, id, ctx.now), signups, volunteers };
  },
  'activities.signUpFor': (ctx, { activityId, residentIds }) => {
    const staffId = requireSession(ctx).staff.id;
    const timeZone = tz(ctx);
    let out;
    if (residentIds.length === 1) {
      // One person: a refusal (window or rule, named) is the answer, and nothing was written.
      const residentId = residentIds[0]!;
      out = [{ residentId, ok: true as const, ...signUp(ctx.db, { activityId, residentId, source: 'staff', staffId }, ctx.now, timeZone) }];
    } else out = signUpGroup(ctx.db, activityId, residentIds, { staffId, now: ctx.now, timeZone });
    recordAudit(ctx.db, { staffId, action: 'activities.signUpFor', subject: `activity:${activityId}`, detail: { residentIds, ok: out.filter((o) => o.ok).length } }, ctx.now);
    changed(ctx);
    return out;
  },
  'activities.cancelSignup': (ctx, { signupId }) => {
    const { promoted, activityId } = cancelSignup(ctx.db, signupId, ctx.now);
    recordAudit(ctx.db, { staffId: requireSession(ctx).staff.id, action: 'activities.cancelSignup', subject: `activity:${activityId}`, detail: { signupId, promoted } }, ctx.now);
    changed(ctx);
    return { promoted };
  },
  'activities.toTell': (ctx) => promotedToTell(ctx.db, ctx.now).map(({ phone, name, residentId: _r, ...row }) => ({ ...row, name: name ?? '', maskedPhone: maskPhone(phone) })),
  'activities.markTold': (ctx, { signupIds }) => {
    const marked = markTold(ctx.db, signupIds, ctx.now);
    changed(ctx);
    return { marked };
  },
  'activities.checkIn': (ctx, { activityId, card, residentId, role, admit }) => {
    const staffId = requireSession(ctx).staff.id;
    const who = card !== undefined ? staffHolder(ctx, card).id : residentId!;
    const result = checkInAttendance(ctx.db, { activityId, residentId: who, role, admit, staffId }, ctx.now, tz(ctx));
    changed(ctx);
    return { ...result, figures: attendanceFigures(ctx.db, activityId, ctx.now) };
  },
  'activities.callList': (ctx, { day }) => {
    const timeZone = tz(ctx);
    const target = day ?? addDays(localClock(ctx.now, timeZone).day, 1);
    return { day: target, rows: callList(ctx.db, target, timeZone) };
  },
  'activities.rooms': (ctx) => listRooms(ctx.db),
  'activities.bookings': (ctx, { day }) => {
    const timeZone = tz(ctx);
    return slotsBetween(ctx.db, instantOfLocalTime(day, '00:00', timeZone).toISOString(), instantOfLocalTime(addDays(day, 1), '00:00', timeZone).toISOString());
  },
  'activities.book': (ctx, input) => {
    const staffId = requireSession(ctx).staff.id;
    const slot = bookRoom(ctx.db, input, { staffId, now: ctx.now, timeZone: tz(ctx) });
    recordAudit(ctx.db, { staffId, action: 'activities.book', subject: `room:${input.roomId}`, detail: input }, ctx.now);
    changed(ctx);
    return slot;
  },
  'activities.cancelBooking': (ctx, { slotId }) => {
    const slot = cancelBooking(ctx.db, slotId, ctx.now);
    recordAudit(ctx.db, { staffId: requireSession(ctx).staff.id, action: 'activities.cancelBooking', subject: `room:${slot.roomId}`, detail: { slotId } }, ctx.now);
    changed(ctx);
    return slot;
  },
  'activities.saveRoom': (ctx, input) => {
    const room = saveRoom(ctx.db, input, ctx.now);
    recordAudit(ctx.db, { staffId: requireSession(ctx).staff.id, action: 'activities.saveRoom', subject: `room:${room.id}`, detail: input }, ctx.now);
    changed(ctx);
    return room;
  },
  'activities.save': (ctx, input) => {
    const staffId = requireSession(ctx).staff.id;
    const { id, promoted } = saveActivity(ctx.db, input, { staffId, now: ctx.now, timeZone: tz(ctx) });
    recordAudit(ctx.db, { staffId, action: 'activities.save', subject: `activity:${id}`, detail: { ...input, promoted } }, ctx.now);
    changed(ctx);
    return activityCard(ctx.db, getActivityRow(ctx.db, id)!, ctx.now);
  },
  'activities.cancel': (ctx, { id }) => {
    cancelActivity(ctx.db, id, ctx.now);
    recordAudit(ctx.db, { staffId: requireSession(ctx).staff.id, action: 'activities.cancel', subject: `activity:${id}` }, ctx.now);
    changed(ctx);
    return activityCard(ctx.db, requireActivity(ctx.db, id), ctx.now);
  },
};

import { z } from 'zod';
import { defineOp } from './define.js';
import { activityTypes, type ActivityCard, type MySignup, type Room, type RoomBoardRow, type RoomSlotView, type SignupOutcome } from '../../activities/types.js';
import type { AttendanceFigures, CheckInResult } from '../../activities/attendance.js';
import type { CallListRow, StartingSoon } from '../../activities/reminders.js';
import type { GroupOutcome } from '../../activities/signups.js';
import type { ActivitySlipData } from '../../printing/layouts/activitySlip.js';

export type { ActivityCard, MySignup, Room, RoomBoardRow, RoomSlotView, SignupOutcome, ActivityType, EligibilityRule, RoomHours } from '../../activities/types.js';
export type { AttendanceFigures, CheckInResult, CallListRow, StartingSoon, GroupOutcome, ActivitySlipData };
/** Pure labels the screens show (Chinese first, English second). */
export { activityTypes, activityTypeLabels, groupKindLabels, ruleLabel, weekdayLabels } from '../../activities/types.js';

/**
 * 活动报名与场地预约 (issue 18). Roles: the kiosk (public) lists activities, signs up and cancels
 * with a scanned service card only (counted by the kiosk guard, like every card look-up); the hall
 * display reads only `activities.display`; staff sign people up (代报名), take attendance and
 * book rooms; only the manager sets up rooms and activities.
 */
const id = z.number().int().positive();
const hhmm = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'queueHours');
const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'activityTime');
const localStamp = z.string().regex(/^\d{4}-\d{2}-\d{2} (?:[01]\d|2[0-3]):[0-5]\d$/, 'signupWindow');
const card = z.string().trim().min(1, 'cardNo').max(500, 'invalid');
/**
 * Who is at the kiosk: the scanned card, or — for someone without it — the phone number with the
 * birth year as proof (the same rule and guard as 报到登记).
 */
const kioskWho = {
  card: card.optional(),
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, 'phone')
    .optional(),
  birthYear: z.number().int('birthYearProof').min(1900, 'birthYearProof').max(2100, 'birthYearProof').optional(),
};
const oneWayIn = (v: { card?: string; phone?: string; birthYear?: number }) => (v.card !== undefined) !== (v.phone !== undefined && v.birthYear !== undefined);
const activityType = z.enum(activityTypes);

const range = z.tuple([hhmm, hhmm]).refine(([a, b]) => b > a, 'roomHours');
export const roomHoursSchema = z
  .object(
    Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, z.array(range, { message: 'roomHours' }).max(6, 'roomHours').optional()])) as Record<
      '0' | '1' | '2' | '3' | '4' | '5' | '6',
      z.ZodOptional<z.ZodArray<typeof range>>
    >,
  )
  .strict()
  .refine(
    (h) =>
      Object.values(h).every((ranges) => {
        const sorted = [...(ranges ?? [])].sort((x, y) => x[0].localeCompare(y[0]));
        return sorted.every((r, i) => i === 0 || r[0] >= sorted[i - 1]![1]);
      }),
    'roomHours',
  );

export const ruleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('minAge'), age: z.number().int('invalid').min(1, 'invalid').max(120, 'invalid') }).strict(),
  z.object({ kind: z.literal('partyMember') }).strict(),
  z.object({ kind: z.literal('inTown') }).strict(),
  z.object({ kind: z.literal('oncePerSeason') }).strict(),
]);

export const roomInputSchema = z
  .object({
    id: id.optional(),
    name: z.string().trim().min(1, 'queueName').max(20, 'queueName'),
    capacity: z.number().int('people').min(1, 'people').max(2000, 'people'),
    hours: roomHoursSchema,
    types: z.array(activityType).min(1, 'roomTypes').max(activityTypes.length, 'roomTypes'),
    note: z.string().trim().max(100, 'invalid').optional(),
    active: z.boolean().optional(),
    sort: z.number().int('invalid').min(0, 'invalid').max(999, 'invalid').optional(),
  })
  .strict();

export const bookingInputSchema = z
  .object({
    roomId: id,
    day,
    from: hhmm,
    to: hhmm,
    people: z.number().int('people').min(1, 'people').max(2000, 'people'),
    activityType,
    groupKind: z.enum(['club', 'party', 'outside']),
    groupName: z.string().trim().min(1, 'groupName').max(40, 'groupName'),
    purpose: z.string().trim().max(60, 'invalid').optional(),
  })
  .strict()
  .refine((b) => b.to > b.from, { message: 'activityTime', path: ['to'] });

export const activityInputSchema = z
  .object({
    id: id.optional(),
    title: z.string().trim().min(2, 'activityTitle').max(40, 'activityTitle'),
    type: activityType,
    roomId: id.nullable().optional(),
    place: z.string().trim().max(40, 'activityPlace').nullable().optional(),
    day,
    from: hhmm,
    to: hhmm,
    capacity: z.number().int('capacity').min(0, 'capacity').max(2000, 'capacity'),
    signupOpens: localStamp.nullable().optional(),
    signupCloses: localStamp.nullable().optional(),
    notes: z.string().trim().max(200, 'invalid').optional(),
    rules: z.array(ruleSchema).max(8, 'invalid').default([]),
    volunteerMinutes: z.number().int('invalid').min(0, 'invalid').max(1440, 'invalid').nullable().optional(),
  })
  .strict()
  .refine((a) => a.to > a.from, { message: 'activityTime', path: ['to'] })
  .refine((a) => Boolean(a.roomId) || Boolean(a.place && a.place.length > 0), { message: 'activityPlace', path: ['place'] })
  .refine((a) => !a.signupOpens || !a.signupCloses || a.signupCloses > a.signupOpens, { message: 'signupWindow', path: ['signupCloses'] });

/** After a kiosk sign-up: the outcome, what the slip says (shown large when no printer), the print job. */
export interface KioskSignupResult {
  maskedName: string;
  outcome: SignupOutcome;
  activity: ActivityCard;
  slip: ActivitySlipData;
  printJobId: number | null;
}

export interface StaffActivityRow extends ActivityCard {
  attended: number;
  noShows: number | null;
}

export interface SignupListRow {
  signupId: number;
  residentId: number;
  name: string;
  maskedPhone: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  source: string;
  waitlistPlace: number | null;
  createdAt: string;
  promotedAt: string | null;
  toldAt: string | null;
  checkedInAt: string | null;
}

export interface ActivityDetail {
  activity: ActivityCard;
  figures: AttendanceFigures;
  signups: SignupListRow[];
  volunteers: Array<{ residentId: number; name: string; checkedInAt: string; minutes: number }>;
}

export interface ToTellRow {
  signupId: number;
  name: string;
  maskedPhone: string;
  activityId: number;
  title: string;
  startsAt: string;
  promotedAt: string;
}

/** What the hall display shows: today's room board (when the setting is on) and activities about to start. */
export interface ActivitiesDisplayState {
  board: RoomBoardRow[] | null;
  soon: StartingSoon[];
}

const none = z.object({}).strict();

export const activitiesOperations = {
  'activities.upcoming': defineOp<ActivityCard[]>()({
    summary: '活动报名: coming activities with places left (no names, only counts).',
    input: none,
    role: 'public',
  }),
  'activities.roomBoard': defineOp<RoomBoardRow[]>()({
    summary: '今日场地: each room busy or free today.',
    input: none,
    role: 'public',
  }),
  'activities.display': defineOp<ActivitiesDisplayState>()({
    summary: 'The hall display: the room board (if activities.displayBoard is on) and activities starting within 15 minutes.',
    input: none,
    role: 'public',
  }),
  'activities.kiosk.signUp': defineOp<KioskSignupResult>()({
    summary: 'A resident signs up with a scanned service card: a place or the waitlist, and a slip.',
    input: z
      .object({ activityId: id, ...kioskWho })
      .strict()
      .refine(oneWayIn, { message: 'cardNo', path: ['card'] }),
    role: 'public',
    errors: [
      'CARD_INVALID',
      'RESIDENT_PROOF_WRONG',
      'RESIDENT_PROOF_LOCKED',
      'RESIDENT_NOT_FOUND',
      'KIOSK_LOOKUP_LIMITED',
      'NOT_FOUND',
      'ACTIVITY_CANCELLED',
      'ACTIVITY_SIGNUP_NOT_OPEN',
      'ACTIVITY_SIGNUP_CLOSED',
      'ACTIVITY_ALREADY_SIGNED_UP',
      'ACTIVITY_RULE_AGE',
      'ACTIVITY_RULE_AGE_UNKNOWN',
      'ACTIVITY_RULE_PARTY',
      'ACTIVITY_RULE_IN_TOWN',
      'ACTIVITY_RULE_SEASON',
    ],
  }),
  'activities.kiosk.mine': defineOp<{ maskedName: string; signups: MySignup[] }>()({
    summary: '我的报名: the scanned card holder’s coming sign-ups.',
    input: z
      .object({ ...kioskWho })
      .strict()
      .refine(oneWayIn, { message: 'cardNo', path: ['card'] }),
    role: 'public',
    errors: ['CARD_INVALID', 'RESIDENT_NOT_FOUND', 'KIOSK_LOOKUP_LIMITED', 'RESIDENT_PROOF_WRONG', 'RESIDENT_PROOF_LOCKED'],
  }),
  'activities.kiosk.cancel': defineOp<{ maskedName: string; signups: MySignup[] }>()({
    summary: '取消报名 at the kiosk: only a sign-up of the scanned card’s holder; the place goes to the next on the waitlist.',
    input: z
      .object({ signupId: id, ...kioskWho })
      .strict()
      .refine(oneWayIn, { message: 'cardNo', path: ['card'] }),
    role: 'public',
    errors: [
      'RESIDENT_PROOF_WRONG',
      'RESIDENT_PROOF_LOCKED',
      'CARD_INVALID',
      'RESIDENT_NOT_FOUND',
      'KIOSK_LOOKUP_LIMITED',
      'ACTIVITY_SIGNUP_NOT_YOURS',
      'ACTIVITY_SIGNUP_NOT_LIVE',
      'ACTIVITY_SIGNUP_ATTENDED',
    ],
  }),
  'activities.list': defineOp<StaffActivityRow[]>()({
    summary: 'Activities for the staff page: coming ones, or those of the last 60 days.',
    input: z.object({ scope: z.enum(['upcoming', 'past']).default('upcoming') }).strict(),
    role: 'staff',
  }),
  'activities.detail': defineOp<ActivityDetail>()({
    summary: 'One activity with everyone signed up (masked phones), attendance and no-shows.',
    input: z.object({ id }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND'],
  }),
  'activities.signUpFor': defineOp<GroupOutcome[]>()({
    summary: '代报名: staff sign up one resident, or a group one person at a time (each refusal named).',
    input: z.object({ activityId: id, residentIds: z.array(id).min(1, 'required').max(200, 'invalid') }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'ACTIVITY_CANCELLED', 'ACTIVITY_SIGNUP_NOT_OPEN', 'ACTIVITY_SIGNUP_CLOSED'],
  }),
  'activities.cancelSignup': defineOp<{ promoted: number[] }>()({
    summary: '取消报名 by staff; a freed place promotes the next on the waitlist.',
    input: z.object({ signupId: id }).strict(),
    role: 'staff',
    errors: ['ACTIVITY_SIGNUP_NOT_YOURS', 'ACTIVITY_SIGNUP_NOT_LIVE', 'ACTIVITY_SIGNUP_ATTENDED'],
  }),
  'activities.toTell': defineOp<ToTellRow[]>()({
    summary: '待通知: people moved up from the waitlist whom nobody has told yet.',
    input: none,
    role: 'staff',
  }),
  'activities.markTold': defineOp<{ marked: number }>()({
    summary: 'Staff told these people they have a place.',
    input: z.object({ signupIds: z.array(id).min(1, 'required').max(500, 'invalid') }).strict(),
    role: 'staff',
  }),
  'activities.checkIn': defineOp<CheckInResult & { figures: AttendanceFigures }>()({
    summary: '签到: a service card scanned at the door (or a resident picked by staff); volunteers credit the time bank.',
    input: z
      .object({
        activityId: id,
        card: card.optional(),
        residentId: id.optional(),
        role: z.enum(['participant', 'volunteer']).default('participant'),
        admit: z.boolean().default(false),
      })
      .strict()
      .refine((v) => (v.card === undefined) !== (v.residentId === undefined), { message: 'cardNo', path: ['card'] }),
    role: 'staff',
    errors: ['CARD_INVALID', 'RESIDENT_NOT_FOUND', 'NOT_FOUND', 'ACTIVITY_CHECKIN_CLOSED', 'ACTIVITY_ALREADY_CHECKED_IN', 'ACTIVITY_NOT_SIGNED_UP', 'ACTIVITY_NO_PLACE_AT_DOOR'],
  }),
  'activities.callList': defineOp<{ day: string; rows: CallListRow[] }>()({
    summary: '电话提醒: everyone with a place in an activity on a day (default tomorrow), masked phones.',
    input: z.object({ day: day.optional() }).strict(),
    role: 'staff',
  }),
  'activities.rooms': defineOp<Room[]>()({ summary: 'Every room with its hours and types.', input: none, role: 'staff' }),
  'activities.bookings': defineOp<RoomSlotView[]>()({
    summary: 'Every use of the rooms on a local day (bookings and activities).',
    input: z.object({ day }).strict(),
    role: 'staff',
  }),
  'activities.book': defineOp<RoomSlotView>()({
    summary: '场地预约 for a group; a clash is refused and named.',
    input: bookingInputSchema,
    role: 'staff',
    errors: ['NOT_FOUND', 'ROOM_INACTIVE', 'ROOM_CLOSED', 'ROOM_BOOKED', 'ROOM_OVER_CAPACITY', 'ROOM_TYPE_NOT_ALLOWED', 'ROOM_SLOT_TOO_LONG'],
  }),
  'activities.cancelBooking': defineOp<RoomSlotView>()({
    summary: 'Cancel a group’s booking.',
    input: z.object({ slotId: id }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'BOOKING_NOT_ACTIVE'],
  }),
  'activities.saveRoom': defineOp<Room>()({
    summary: 'Create or change a room: capacity, opening hours per weekday, activity types.',
    input: roomInputSchema,
    role: 'admin',
    errors: ['NOT_FOUND', 'ROOM_NAME_TAKEN'],
  }),
  'activities.save': defineOp<ActivityCard>()({
    summary: 'Create or change an activity (its room slot is checked like a booking).',
    input: activityInputSchema,
    role: 'admin',
    errors: ['NOT_FOUND', 'ROOM_INACTIVE', 'ROOM_CLOSED', 'ROOM_BOOKED', 'ROOM_OVER_CAPACITY', 'ROOM_TYPE_NOT_ALLOWED', 'ACTIVITY_CAPACITY_TOO_SMALL'],
  }),
  'activities.cancel': defineOp<ActivityCard>()({
    summary: '取消活动: frees the room; the sign-ups stay for the call list.',
    input: z.object({ id }).strict(),
    role: 'admin',
    errors: ['NOT_FOUND'],
  }),
} as const;

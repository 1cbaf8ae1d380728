import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { instantOfLocalTime, localClock } from '../wallClock.js';
import { activityTypeLabels, weekdayLabels, type ActivityType, type GroupKind, type Room, type RoomBoardRow, type RoomHours, type RoomSlotView } from './types.js';

/**
 * 功能空间 (issue 18.1): rooms, their opening hours per weekday and every use of them. A booking by
 * a group and an activity held in the room are both rows of activity_room_slots, so one check
 * refuses any clash: outside opening hours, overlapping another use, too many people, a type the
 * room may not host. Each refusal names the clash.
 */
interface RoomRow {
  id: number;
  name: string;
  capacity: number;
  hours: string;
  types: string;
  note: string;
  active: number;
  sort: number;
}

const toRoom = (r: RoomRow): Room => ({
  id: r.id,
  name: r.name,
  capacity: r.capacity,
  hours: JSON.parse(r.hours) as RoomHours,
  types: JSON.parse(r.types) as ActivityType[],
  note: r.note,
  active: r.active === 1,
  sort: r.sort,
});

export function listRooms(db: Db, opts: { activeOnly?: boolean } = {}): Room[] {
  const rows = db.prepare(`SELECT * FROM activity_rooms ${opts.activeOnly ? 'WHERE active = 1' : ''} ORDER BY sort, id`).all() as RoomRow[];
  return rows.map(toRoom);
}

export function getRoom(db: Db, id: number): Room | null {
  const row = db.prepare('SELECT * FROM activity_rooms WHERE id = ?').get(id) as RoomRow | undefined;
  return row ? toRoom(row) : null;
}

export interface RoomInput {
  id?: number;
  name: string;
  capacity: number;
  hours: RoomHours;
  types: ActivityType[];
  note?: string;
  active?: boolean;
  sort?: number;
}

/** Sorted, non-overlapping ranges per weekday (the schema checked each range's shape). */
export function normaliseHours(hours: RoomHours): RoomHours {
  const out: RoomHours = {};
  for (const [day, ranges] of Object.entries(hours) as Array<[keyof RoomHours, Array<[string, string]>]>) {
    if (!ranges?.length) continue;
    const sorted = [...ranges].sort((a, b) => a[0].localeCompare(b[0]));
    for (let i = 1; i < sorted.length; i++) if (sorted[i]![0] < sorted[i - 1]![1]) throw new ApiError('VALIDATION_FAILED');
    out[day] = sorted;
  }
  return out;
}

export function saveRoom(db: Db, input: RoomInput, now: Date): Room {
  const at = now.toISOString();
  const hours = JSON.stringify(normaliseHours(input.hours));
  const types = JSON.stringify([...new Set(input.types)]);
  return db.transaction(() => {
    const clash = db.prepare('SELECT id FROM activity_rooms WHERE name = ? AND id IS NOT ?').get(input.name, input.id ?? null);
    if (clash) throw new ApiError('ROOM_NAME_TAKEN', { name: input.name });
    if (input.id) {
      const r = db
        .prepare('UPDATE activity_rooms SET name = ?, capacity = ?, hours = ?, types = ?, note = ?, active = ?, sort = ?, updated_at = ? WHERE id = ?')
        .run(input.name, input.capacity, hours, types, input.note ?? '', input.active === false ? 0 : 1, input.sort ?? 0, at, input.id);
      if (r.changes === 0) throw new ApiError('NOT_FOUND');
      return getRoom(db, input.id)!;
    }
    const id = Number(
      db
        .prepare('INSERT INTO activity_rooms (name, capacity, hours, types, note, active, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(input.name, input.capacity, hours, types, input.note ?? '', input.active === false ? 0 : 1, input.sort ?? 0, at, at).lastInsertRowid,
    );
    return getRoom(db, id)!;
  })();
}

/** 0 = Sunday for a local calendar day 'YYYY-MM-DD'. */
export const weekdayOf = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay();

export function hoursOn(room: Room, day: string): Array<[string, string]> {
  return room.hours[String(weekdayOf(day)) as keyof RoomHours] ?? [];
}

const hoursText = (ranges: Array<[string, string]>) => (ranges.length ? ranges.map(([a, b]) => `${a}–${b}`).join('、') : '全天不开放');

/** A wanted use of a room on one local day, local times. */
export interface SlotRequest {
  roomId: number;
  day: string;
  from: string;
  to: string;
  people: number;
  activityType: ActivityType;
  /** When moving an activity or booking, its own slot does not clash with itself. */
  exceptSlotId?: number | null;
}

const DAY_MS = 86_400_000;

/**
 * Refuses a use of a room that clashes, naming the clash; returns the UTC instants it covers.
 * Order of checks: the room exists and is in use → the type → the capacity → the opening hours →
 * other uses (the index range of slots starting within a day before the end).
 */
export function assertRoomFree(db: Db, req: SlotRequest, timeZone: string): { startsAt: string; endsAt: string; room: Room } {
  const room = getRoom(db, req.roomId);
  if (!room) throw new ApiError('NOT_FOUND');
  if (!room.active) throw new ApiError('ROOM_INACTIVE', { room: room.name });
  if (!(req.to > req.from)) throw new ApiError('ROOM_SLOT_TOO_LONG');
  if (!room.types.includes(req.activityType)) {
    throw new ApiError('ROOM_TYPE_NOT_ALLOWED', {
      room: room.name,
      type: activityTypeLabels[req.activityType].zh,
      types: room.types.map((t) => activityTypeLabels[t].zh).join('、') || '（未设置）',
    });
  }
  if (req.people > room.capacity) throw new ApiError('ROOM_OVER_CAPACITY', { room: room.name, capacity: room.capacity, people: req.people });
  const open = hoursOn(room, req.day);
  if (!open.some(([a, b]) => a <= req.from && req.to <= b)) {
    throw new ApiError('ROOM_CLOSED', { room: room.name, day: `${req.day}（${weekdayLabels.zh[weekdayOf(req.day)]}）`, from: req.from, to: req.to, hours: hoursText(open) });
  }
  const startsAt = instantOfLocalTime(req.day, req.from, timeZone).toISOString();
  const endsAt = (req.to === '24:00' ? new Date(instantOfLocalTime(req.day, '00:00', timeZone).getTime() + DAY_MS) : instantOfLocalTime(req.day, req.to, timeZone)).toISOString();
  const earliest = new Date(Date.parse(startsAt) - DAY_MS).toISOString();
  const clash = db
    .prepare(
      `SELECT s.starts_at AS startsAt, s.ends_at AS endsAt, s.kind, s.group_name AS groupName, s.purpose, a.title
       FROM activity_room_slots s LEFT JOIN activities a ON a.id = s.activity_id
       WHERE s.room_id = ? AND s.status = 'active' AND s.starts_at > ? AND s.starts_at < ? AND s.ends_at > ? AND s.id IS NOT ?
       ORDER BY s.starts_at LIMIT 1`,
    )
    .get(room.id, earliest, endsAt, startsAt, req.exceptSlotId ?? null) as
    { startsAt: string; endsAt: string; kind: string; groupName: string | null; purpose: string | null; title: string | null } | undefined;
  if (clash) {
    const what = clash.kind === 'activity' ? `活动“${clash.title ?? ''}”` : `${clash.groupName ?? ''}${clash.purpose ? `（${clash.purpose}）` : ''}的预约`;
    throw new ApiError('ROOM_BOOKED', { room: room.name, from: localClock(new Date(clash.startsAt), timeZone).time, to: localClock(new Date(clash.endsAt), timeZone).time, what });
  }
  return { startsAt, endsAt, room };
}

export interface BookingInput {
  roomId: number;
  day: string;
  from: string;
  to: string;
  people: number;
  activityType: ActivityType;
  groupKind: GroupKind;
  groupName: string;
  purpose?: string;
}

/** Staff book a room for a group. IMMEDIATE: two desks cannot both take the same hour. */
export function bookRoom(db: Db, input: BookingInput, opts: { staffId: number | null; now: Date; timeZone: string }): RoomSlotView {
  return db
    .transaction(() => {
      const { startsAt, endsAt } = assertRoomFree(db, input, opts.timeZone);
      const id = Number(
        db
          .prepare(
            `INSERT INTO activity_room_slots (room_id, starts_at, ends_at, kind, group_kind, group_name, purpose, activity_type, people, staff_id, created_at)
             VALUES (?, ?, ?, 'booking', ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(input.roomId, startsAt, endsAt, input.groupKind, input.groupName, input.purpose ?? null, input.activityType, input.people, opts.staffId, opts.now.toISOString())
          .lastInsertRowid,
      );
      return slotView(db, id)!;
    })
    .immediate();
}

export function cancelBooking(db: Db, slotId: number, now: Date): RoomSlotView {
  const slot = slotView(db, slotId);
  if (!slot || slot.kind !== 'booking') throw new ApiError('NOT_FOUND');
  const r = db.prepare("UPDATE activity_room_slots SET status = 'cancelled', cancelled_at = ? WHERE id = ? AND status = 'active'").run(now.toISOString(), slotId);
  if (r.changes === 0) throw new ApiError('BOOKING_NOT_ACTIVE');
  return slot;
}

const SLOT_SELECT = `SELECT s.id, s.room_id AS roomId, r.name AS roomName, s.starts_at AS startsAt, s.ends_at AS endsAt, s.kind, s.activity_id AS activityId,
  s.group_kind AS groupKind, s.group_name AS groupName, s.purpose, s.activity_type AS activityType, s.people, a.title
  FROM activity_room_slots s JOIN activity_rooms r ON r.id = s.room_id LEFT JOIN activities a ON a.id = s.activity_id`;

type SlotRow = Omit<RoomSlotView, 'label'> & { title: string | null };
const toSlot = ({ title, ...s }: SlotRow): RoomSlotView => ({ ...s, label: s.kind === 'activity' ? (title ?? '') : `${s.groupName ?? ''}${s.purpose ? ` · ${s.purpose}` : ''}` });

export function slotView(db: Db, id: number): RoomSlotView | null {
  const row = db.prepare(`${SLOT_SELECT} WHERE s.id = ?`).get(id) as SlotRow | undefined;
  return row ? toSlot(row) : null;
}

/** Active uses of every room between two instants, in time order. */
export function slotsBetween(db: Db, startIso: string, endIso: string): RoomSlotView[] {
  const earliest = new Date(Date.parse(startIso) - DAY_MS).toISOString();
  return (
    db
      .prepare(`${SLOT_SELECT} WHERE s.status = 'active' AND s.starts_at > ? AND s.starts_at < ? AND s.ends_at > ? ORDER BY s.starts_at, s.id`)
      .all(earliest, endIso, startIso) as SlotRow[]
  ).map(toSlot);
}

/** 今日场地: each room's opening hours today, what is on and whether it is busy now. */
export function roomBoard(db: Db, now: Date, timeZone: string): RoomBoardRow[] {
  const { day, time } = localClock(now, timeZone);
  const dayStart = instantOfLocalTime(day, '00:00', timeZone);
  const dayEnd = new Date(dayStart.getTime() + DAY_MS);
  const slots = slotsBetween(db, dayStart.toISOString(), dayEnd.toISOString());
  const at = now.toISOString();
  return listRooms(db, { activeOnly: true }).map((room) => {
    const mine = slots.filter((s) => s.roomId === room.id);
    const current = mine.find((s) => s.startsAt <= at && at < s.endsAt) ?? null;
    const open = hoursOn(room, day);
    return {
      roomId: room.id,
      name: room.name,
      capacity: room.capacity,
      open,
      openNow: open.some(([a, b]) => a <= time && time < b),
      busyNow: current !== null,
      now: current?.label ?? null,
      slots: mine.map((s) => ({ from: localClock(new Date(s.startsAt), timeZone).time, to: localClock(new Date(s.endsAt), timeZone).time, label: s.label })),
    };
  });
}

/** Hours a room is open between two local days (inclusive), for utilisation. */
export function openMinutes(room: Room, days: string[]): number {
  const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return days.reduce((sum, day) => sum + hoursOn(room, day).reduce((n, [a, b]) => n + toMin(b) - toMin(a), 0), 0);
}

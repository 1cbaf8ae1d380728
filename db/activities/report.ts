import type { Db } from '../connection.js';
import type { ReportSeries } from '../api/contract/reportCharts.js';
import type { ResolvedPeriod } from '../reports/period.js';
import type { ReportModule, SummaryFigure } from '../reports/registry.js';
import { L, col, table, type WorkbookSheet } from '../reports/workbook.js';
import { localClock } from '../wallClock.js';
import { listRooms, openMinutes } from './rooms.js';
import { activityTypeLabels, activityTypes } from './types.js';

/**
 * The activities' figures (issue 18.8), for activities that started in the period, up to the time
 * of the report (held = started and not cancelled; one under way counts with its figures so far):
 * - sign-ups = people holding a place or waiting when the activity was held (cancelled ones not);
 * - attendance rate = participants checked in ÷ people with a place (walk-ins hold a place too);
 * - no-shows = a place held and nobody came, counted once the activity is over;
 * - room utilisation = hours booked (bookings and activities, clipped to the period) ÷ hours open.
 * Volunteer hours and points are the time bank's section (db/volunteering/).
 */
interface HeldRow {
  id: number;
  title: string;
  type: keyof typeof activityTypeLabels;
  startsAt: string;
  capacity: number;
  confirmed: number;
  waitlisted: number;
  attended: number;
  volunteers: number;
  noShows: number;
}

function held(db: Db, p: ResolvedPeriod): HeldRow[] {
  const end = p.end < p.asOf ? p.end : p.asOf;
  return db
    .prepare(
      `SELECT a.id, a.title, a.type, a.starts_at AS startsAt, a.capacity,
         (SELECT COUNT(*) FROM activity_signups s WHERE s.activity_id = a.id AND s.status = 'confirmed') AS confirmed,
         (SELECT COUNT(*) FROM activity_signups s WHERE s.activity_id = a.id AND s.status = 'waitlisted') AS waitlisted,
         (SELECT COUNT(*) FROM activity_attendance t WHERE t.activity_id = a.id AND t.role = 'participant') AS attended,
         (SELECT COUNT(*) FROM activity_attendance t WHERE t.activity_id = a.id AND t.role = 'volunteer') AS volunteers,
         (SELECT COUNT(*) FROM activity_signups s WHERE s.activity_id = a.id AND s.status = 'confirmed'
            AND NOT EXISTS (SELECT 1 FROM activity_attendance t WHERE t.activity_id = a.id AND t.resident_id = s.resident_id)) * (a.ends_at <= :asOf) AS noShows
       FROM activities a WHERE a.status = 'open' AND a.starts_at >= :start AND a.starts_at < :end ORDER BY a.starts_at, a.id`,
    )
    .all({ start: p.start, end, asOf: p.asOf }) as HeldRow[];
}

const rate = (n: number, d: number) => (d ? Math.round((n / d) * 10000) / 10000 : null);

function roomRows(db: Db, p: ResolvedPeriod) {
  const slots = db
    .prepare("SELECT room_id AS roomId, starts_at AS s, ends_at AS e FROM activity_room_slots WHERE status = 'active' AND starts_at < ? AND ends_at > ?")
    .all(p.end, p.start) as Array<{ roomId: number; s: string; e: string }>;
  const start = Date.parse(p.start);
  const end = Date.parse(p.end);
  return listRooms(db).map((room) => {
    const bookedMin = slots.filter((x) => x.roomId === room.id).reduce((n, x) => n + (Math.min(end, Date.parse(x.e)) - Math.max(start, Date.parse(x.s))) / 60_000, 0);
    const openMin = openMinutes(room, p.days);
    return {
      room: room.name,
      openHours: Math.round((openMin / 60) * 10) / 10,
      bookedHours: Math.round((bookedMin / 60) * 10) / 10,
      utilisation: rate(bookedMin, openMin),
      bookings: slots.filter((x) => x.roomId === room.id).length,
    };
  });
}

export function activitiesDashboard(db: Db, p: ResolvedPeriod): ReportSeries[] {
  const rows = held(db, p);
  const byType = activityTypes
    .map((type) => {
      const mine = rows.filter((r) => r.type === type);
      const confirmed = mine.reduce((n, r) => n + r.confirmed, 0);
      const attended = mine.reduce((n, r) => n + r.attended, 0);
      return {
        type: activityTypeLabels[type].zh,
        activities: mine.length,
        signups: mine.reduce((n, r) => n + r.confirmed + r.waitlisted, 0),
        confirmed,
        attended,
        noShows: mine.reduce((n, r) => n + r.noShows, 0),
        attendanceRate: rate(attended, confirmed),
      };
    })
    .filter((r) => r.activities > 0 || !rows.length);
  const list = rows.map((r) => ({
    day: localClock(new Date(r.startsAt), p.timeZone).day,
    title: r.title,
    type: activityTypeLabels[r.type].zh,
    capacity: r.capacity,
    confirmed: r.confirmed,
    waitlisted: r.waitlisted,
    attended: r.attended,
    noShows: r.noShows,
    volunteers: r.volunteers,
    attendanceRate: rate(r.attended, r.confirmed),
  }));
  const rooms = roomRows(db, p);
  return [
    {
      id: 'activities.byType',
      title: L('各类活动：场次、报名与到场', 'Activities by type: held, sign-ups, attendance'),
      note: L(
        '只计本时段内已经开始、未取消的活动（进行中的按目前的数字）。到场率 = 签到的参加者 ÷ 有名额的人；未到 = 有名额但没有签到，活动结束后才计。',
        'Activities of the period that have started and are not cancelled (one under way with its figures so far). Attendance rate = participants checked in ÷ people with a place; no-show = a place and no check-in, counted once it is over.',
      ),
      chart: { kind: 'bar', x: 'type', y: [{ key: 'confirmed' }, { key: 'attended' }, { key: 'noShows' }] },
      table: table(
        [
          col('type', '类别', 'Type', 'text'),
          col('activities', '场次', 'Held'),
          col('signups', '报名（含候补）', 'Sign-ups (incl. waitlist)'),
          col('confirmed', '有名额', 'With a place'),
          col('attended', '到场', 'Attended'),
          col('noShows', '未到', 'No-shows'),
          col('attendanceRate', '到场率', 'Attendance rate', 'percent'),
        ],
        byType,
      ),
    },
    {
      id: 'activities.held',
      title: L('每场活动', 'Each activity'),
      chart: { kind: 'none', x: 'title', y: [] },
      table: table(
        [
          col('day', '日期', 'Day', 'text'),
          col('title', '活动', 'Activity', 'text'),
          col('type', '类别', 'Type', 'text'),
          col('capacity', '名额', 'Places'),
          col('confirmed', '有名额', 'With a place'),
          col('waitlisted', '候补', 'Waitlist'),
          col('attended', '到场', 'Attended'),
          col('noShows', '未到', 'No-shows'),
          col('volunteers', '志愿者', 'Volunteers'),
          col('attendanceRate', '到场率', 'Attendance rate', 'percent'),
        ],
        list,
      ),
    },
    {
      id: 'activities.rooms',
      title: L('场地使用率', 'Room utilisation'),
      note: L('使用率 = 已预约的小时数（团体预约与活动）÷ 开放的小时数。', 'Utilisation = hours booked (group bookings and activities) ÷ hours open.'),
      chart: { kind: 'hbar', x: 'room', y: [{ key: 'utilisation' }] },
      table: table(
        [
          col('room', '场地', 'Room', 'text'),
          col('bookings', '使用次数', 'Uses'),
          col('bookedHours', '已预约（小时）', 'Booked (h)'),
          col('openHours', '开放（小时）', 'Open (h)'),
          col('utilisation', '使用率', 'Utilisation', 'percent'),
        ],
        rooms,
      ),
    },
  ];
}

export function activitiesSummary(db: Db, p: ResolvedPeriod): SummaryFigure[] {
  const rows = held(db, p);
  const confirmed = rows.reduce((n, r) => n + r.confirmed, 0);
  const attended = rows.reduce((n, r) => n + r.attended, 0);
  const rooms = roomRows(db, p);
  const openH = rooms.reduce((n, r) => n + r.openHours, 0);
  const bookedH = rooms.reduce((n, r) => n + r.bookedHours, 0);
  return [
    { key: 'held', label: L('举办活动（场）', 'Activities held'), kind: 'int', value: rows.length },
    { key: 'signups', label: L('活动报名（人次）', 'Sign-ups'), kind: 'int', value: rows.reduce((n, r) => n + r.confirmed + r.waitlisted, 0) },
    { key: 'attendanceRate', label: L('活动到场率', 'Attendance rate'), kind: 'percent', value: rate(attended, confirmed) },
    { key: 'noShows', label: L('报名未到（人次）', 'No-shows'), kind: 'int', value: rows.reduce((n, r) => n + r.noShows, 0) },
    { key: 'roomUtilisation', label: L('场地使用率', 'Room utilisation'), kind: 'percent', value: openH ? Math.round((bookedH / openH) * 10000) / 10000 : null },
  ];
}

function activitiesSheets(db: Db, p: ResolvedPeriod): WorkbookSheet[] {
  const s = activitiesDashboard(db, p);
  const pick = (id: string) => s.find((x) => x.id === id)!.table;
  return [
    {
      name: '活动统计',
      blocks: [
        { heading: '各类活动', table: pick('activities.byType'), totals: { label: '合计', except: ['attendanceRate'] } },
        { heading: '每场活动', table: pick('activities.held'), totals: { label: '合计', except: ['attendanceRate', 'capacity'] } },
        { heading: '场地使用率', table: pick('activities.rooms') },
      ],
    },
  ];
}

export const activitiesReport: ReportModule = {
  id: 'activities',
  title: L('活动与场地', 'Activities and rooms'),
  dashboard: activitiesDashboard,
  summary: activitiesSummary,
  monthlySheets: activitiesSheets,
  print: ['activities.byType', 'activities.rooms'],
};

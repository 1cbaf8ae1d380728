import type { Db } from '../connection.js';

/**
 * 主题党日 attendance for the statement (一人一档、一事一记). The activities module owns
 * activities and attendance; it provides `listPartyDayAttendance(db, residentId)` and the host
 * plugs it in here once, at start-up (`setPartyDayAttendanceSource(listPartyDayAttendance)`).
 * Until then the statement simply has no 主题党日 rows.
 */
export interface PartyDayAttendance {
  activityId: number;
  title: string;
  /** ISO UTC. */
  startsAt: string;
  /** ISO UTC: when the card was scanned at the door. */
  attendedAt: string;
}

export type PartyDayAttendanceSource = (db: Db, residentId: number) => PartyDayAttendance[];

let source: PartyDayAttendanceSource = () => [];

export function setPartyDayAttendanceSource(fn: PartyDayAttendanceSource): void {
  source = fn;
}

export function partyDayAttendance(db: Db, residentId: number): PartyDayAttendance[] {
  return [...source(db, residentId)].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

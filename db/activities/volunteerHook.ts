import type { Db } from '../connection.js';

/**
 * The seam to the time bank (issue 18.7, built in db/volunteering/). When attendance in the role
 * 志愿者 is recorded, every registered listener is called with the attendance, inside the same
 * transaction: a listener that throws rolls the check-in back, so hours are never credited for an
 * attendance that was not recorded, nor an attendance recorded without its hours.
 * At merge the host registers `creditActivityHours` from db/volunteering/credit.ts:
 *   onVolunteerAttendance((db, p) => creditActivityHours(db, p));
 */
export interface VolunteerAttendance {
  attendanceId: number;
  residentId: number;
  activityId: number;
  /** By the activity's rule: volunteer_minutes, or the activity's length. */
  minutes: number;
  /** ISO time of the check-in. */
  at: string;
}

export type VolunteerListener = (db: Db, payload: VolunteerAttendance) => void;

const listeners: VolunteerListener[] = [];

/** Registers a listener; returns a function that removes it (tests). */
export function onVolunteerAttendance(fn: VolunteerListener): () => void {
  listeners.push(fn);
  return () => {
    const i = listeners.indexOf(fn);
    if (i >= 0) listeners.splice(i, 1);
  };
}

/** Called by the attendance module inside its transaction. */
export function notifyVolunteerAttendance(db: Db, payload: VolunteerAttendance): void {
  for (const fn of [...listeners]) fn(db, payload);
}

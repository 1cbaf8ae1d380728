import { listPartyDayAttendance } from '../activities/attendance.js';
import { onVolunteerAttendance } from '../activities/volunteerHook.js';
import { creditActivityHours } from './credit.js';
import { setPartyDayAttendanceSource } from './partyDay.js';

/**
 * The one place that links activities (issue 18.1–6) and the time bank (18.7), imported once by the
 * API so every host — Electron, serve mode, tests — has the same wiring:
 * - attendance in the role 志愿者 credits hours by the activity's rule, in the attendance's own
 *   transaction (a credit that fails rolls the check-in back);
 * - the statement lists the 主题党日 a resident attended (一人一档、一事一记).
 */
let linked = false;

export function linkActivitiesToTimeBank(): void {
  if (linked) return;
  linked = true;
  onVolunteerAttendance((db, p) => {
    const title = (db.prepare('SELECT title FROM activities WHERE id = ?').get(p.activityId) as { title: string } | undefined)?.title;
    creditActivityHours(db, { ...p, ...(title ? { title } : {}) });
  });
  setPartyDayAttendanceSource((db, residentId) =>
    listPartyDayAttendance(db, residentId).map((a) => ({ activityId: a.activityId, title: a.title, startsAt: a.startsAt, attendedAt: a.checkedInAt })),
  );
}

linkActivitiesToTimeBank();

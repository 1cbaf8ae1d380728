import type { Db } from '../connection.js';
import { writeSettings } from '../settings.js';
import { createStaff, hasAnyStaff } from '../staff.js';
import { seedLoansDemo } from './loans.js';
import { seedQueueDemo } from './queue.js';
import { seedResidentsDemo } from './residents.js';
import { seedReportsHistory } from './reportsHistory.js';
import { seedRequestsDemo } from './requests.js';
import { seedActivitiesDemo } from './activities.js';
import { seedRatingsDemo } from './ratings.js';
import { seedVolunteeringDemo } from './volunteering.js';

/** The manager PIN of a demo database (README). A real install never gets it: the first run asks for one. */
export const DEMO_ADMIN_PIN = '123456';
export const DEMO_STAFF_PIN = '2468';

/** True when the database holds no work yet: demo data goes only into an empty database. */
export function isEmptyDatabase(db: Db): boolean {
  return !hasAnyStaff(db);
}

/**
 * Fills an empty database with a realistic center for training and for judging the screens.
 * Domain issues add their own seeders and call them from here, in one transaction.
 */
export function seedDemo(db: Db, now = new Date()): boolean {
  if (!isEmptyDatabase(db)) return false;
  db.transaction(() => {
    writeSettings(
      db,
      {
        'center.name': '攀枝花市东区炳草岗街道党群服务中心',
        'center.hotline': '0812-000 1234',
        'kiosk.idleSeconds': 60,
      },
      now,
    );
    createStaff(db, { name: '王站长', pin: DEMO_ADMIN_PIN, role: 'admin' }, now);
    createStaff(db, { name: '李晓梅', pin: DEMO_STAFF_PIN, role: 'staff' }, now);
    seedResidentsDemo(db, now);
    // Loans lend to demo residents: keep this after the residents seeder.
    seedLoansDemo(db, now);
    seedQueueDemo(db, now);
    // Two seasons of loans and tickets for 统计报表 (after the loans and queue seeders).
    seedReportsHistory(db, now);
    seedRequestsDemo(db, now);
    seedActivitiesDemo(db, now);
    // 好差评 and 金点子 (issue 17.5, 17.6): after every ticket exists.
    seedRatingsDemo(db, now);
    seedVolunteeringDemo(db, now);
  })();
  return true;
}

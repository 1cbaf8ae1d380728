import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { seasonOf } from '../reports/period.js';
import { readSetting } from '../settings.js';
import { localDate } from '../wallClock.js';
import type { ActivityRow } from './activities.js';
import { activityTypeLabels, type EligibilityRule } from './types.js';

/**
 * Whether a resident may sign up, rule by rule (issue 18.2). The first rule that says no throws an
 * ApiError whose message names that rule in plain Chinese ("只限 65 岁及以上…您今年 64 岁").
 */
interface ResidentFacts {
  birth_year: number | null;
  party_member: number;
  open_stay: number;
}

function factsOf(db: Db, residentId: number): ResidentFacts {
  const row = db
    .prepare(
      `SELECT birth_year, party_member, EXISTS (SELECT 1 FROM stays s WHERE s.resident_id = r.id AND s.departed_at IS NULL) AS open_stay
       FROM residents r WHERE r.id = ?`,
    )
    .get(residentId) as ResidentFacts | undefined;
  if (!row) throw new ApiError('NOT_FOUND');
  return row;
}

export function assertEligible(db: Db, a: ActivityRow, residentId: number, timeZone: string): void {
  const rules = JSON.parse(a.rules) as EligibilityRule[];
  if (!rules.length) return;
  const facts = factsOf(db, residentId);
  const day = localDate(new Date(a.starts_at), timeZone);
  for (const rule of rules) {
    switch (rule.kind) {
      case 'minAge': {
        // 周岁 by the birth year, in the year the activity takes place.
        if (facts.birth_year === null) throw new ApiError('ACTIVITY_RULE_AGE_UNKNOWN', { title: a.title, age: rule.age });
        const age = Number(day.slice(0, 4)) - facts.birth_year;
        if (age < rule.age) throw new ApiError('ACTIVITY_RULE_AGE', { title: a.title, age: rule.age, yourAge: age });
        break;
      }
      case 'partyMember':
        if (facts.party_member !== 1) throw new ApiError('ACTIVITY_RULE_PARTY', { title: a.title });
        break;
      case 'inTown':
        if (!facts.open_stay) throw new ApiError('ACTIVITY_RULE_IN_TOWN', { title: a.title });
        break;
      case 'oncePerSeason': {
        const season = seasonOf(day, readSetting(db, 'reports.season'));
        // Live sign-ups for another activity of the same type whose local day falls in the same season.
        const others = db
          .prepare(
            `SELECT a.title, a.starts_at AS startsAt FROM activity_signups s JOIN activities a ON a.id = s.activity_id
             WHERE s.resident_id = ? AND s.status <> 'cancelled' AND a.type = ? AND a.id <> ? AND a.status = 'open'
               AND a.starts_at >= ? AND a.starts_at < ?`,
          )
          .all(
            residentId,
            a.type,
            a.id,
            new Date(Date.parse(`${season.from}T00:00:00Z`) - 86_400_000).toISOString(),
            new Date(Date.parse(`${season.to}T00:00:00Z`) + 2 * 86_400_000).toISOString(),
          ) as Array<{
          title: string;
          startsAt: string;
        }>;
        const clash = others.find((o) => {
          const d = localDate(new Date(o.startsAt), timeZone);
          return d >= season.from && d <= season.to;
        });
        if (clash) throw new ApiError('ACTIVITY_RULE_SEASON', { type: activityTypeLabels[a.type].zh, season: `${season.from} 至 ${season.to}`, other: clash.title });
        break;
      }
    }
  }
}

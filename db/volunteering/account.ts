import type { Db } from '../connection.js';
import { resolvePeriod } from '../reports/period.js';
import type { Resident } from '../residents/residents.js';
import { maskName } from '../residents/schema.js';
import { readVolConfig, type HonourNameStyle } from './config.js';
import { accountHistory, findResidentAccount, residentBalance, type LedgerLine } from './ledger.js';
import { tierFor, type TierView } from './tiers.js';
import { approvedMinutes } from './volunteers.js';

/** What a resident may see about their own 时间银行 account (kiosk, desk, statement). */
export interface AccountView {
  maskedName: string;
  balance: number;
  /** Approved hours, in minutes. */
  minutes: number;
  tier: TierView;
  pointsPerHour: number;
  history: LedgerLine[];
  /** Approved hours lines (date, minutes, what). */
  hours: Array<{ workedAt: string; minutes: number; source: 'activity' | 'manual'; points: number | null }>;
}

export function accountView(db: Db, r: Resident, historyLimit = 30): AccountView {
  const config = readVolConfig(db);
  const account = findResidentAccount(db, r.id);
  const minutes = approvedMinutes(db, r.id);
  return {
    maskedName: maskName(r.name),
    balance: residentBalance(db, r.id),
    minutes,
    tier: tierFor(minutes, config.tierHours),
    pointsPerHour: config.pointsPerHour,
    history: account === null ? [] : accountHistory(db, account, historyLimit),
    hours: db
      .prepare("SELECT worked_at AS workedAt, minutes, source, points FROM vol_hours WHERE resident_id = ? AND status = 'approved' ORDER BY worked_at DESC, id DESC LIMIT ?")
      .all(r.id, historyLimit) as AccountView['hours'],
  };
}

/** 张先生 / 张女士 (surname + title) or 张*华; never the full name, never a phone. */
export function honourName(name: string | null, sex: 'M' | 'F' | null, style: HonourNameStyle): string {
  if (!name) return '';
  if (style === 'masked') return maskName(name);
  const chars = [...name];
  // Two-character compound surnames (欧阳, 司马 …) keep both characters.
  const compound =
    chars.length >= 3 && ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯'].includes(chars.slice(0, 2).join(''));
  const surname = compound ? chars.slice(0, 2).join('') : chars[0]!;
  return surname + (sex === 'F' ? '女士' : sex === 'M' ? '先生' : '老师');
}

export interface HonourRoll {
  enabled: boolean;
  seasonFrom: string;
  seasonTo: string;
  rows: Array<{ rank: number; name: string; hours: number; stars: number; tierName: string; tierNameEn: string }>;
}

/**
 * 光荣榜: the season's top volunteers by approved hours worked this season (ties: earlier first
 * credit first). Erased or merged records, and inactive volunteers, are left out.
 */
export function honourRoll(db: Db, now: Date, options: { force?: boolean } = {}): HonourRoll {
  const config = readVolConfig(db);
  const season = resolvePeriod(db, { kind: 'season' }, now);
  const enabled = config.honourRollOnDisplay;
  if (!enabled && !options.force) return { enabled, seasonFrom: season.from, seasonTo: season.to, rows: [] };
  const rows = db
    .prepare(
      `SELECT r.id, r.name, r.sex, SUM(h.minutes) AS minutes, MIN(h.id) AS first
       FROM vol_hours h JOIN residents r ON r.id = h.resident_id JOIN volunteers v ON v.resident_id = r.id
       WHERE h.status = 'approved' AND h.worked_at >= ? AND h.worked_at < ? AND r.status = 'active' AND v.active = 1
       GROUP BY r.id ORDER BY minutes DESC, first LIMIT ?`,
    )
    .all(season.start, season.end, config.honourRollSize) as Array<{ id: number; name: string | null; sex: 'M' | 'F' | null; minutes: number }>;
  return {
    enabled,
    seasonFrom: season.from,
    seasonTo: season.to,
    rows: rows.map((r, i) => {
      // The star is the person's, from all their hours; the rank is this season's.
      const tier = tierFor(approvedMinutes(db, r.id), config.tierHours);
      return {
        rank: i + 1,
        name: honourName(r.name, r.sex, config.honourNameStyle),
        hours: Math.round((r.minutes / 60) * 10) / 10,
        stars: tier.stars,
        tierName: tier.name,
        tierNameEn: tier.nameEn,
      };
    }),
  };
}

import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { getResident, type Resident } from '../residents/residents.js';
import { parseCardCode } from '../residents/cards.js';
import { findActiveByCard } from '../residents/residents.js';
import type { InterestId } from '../residents/schema.js';
import { maskName, maskPhone } from '../residents/schema.js';
import { readVolConfig } from './config.js';
import { residentBalance } from './ledger.js';
import { tierFor, type TierView } from './tiers.js';

/**
 * Volunteers: a resident registered to serve, with skills picked from the interests on their
 * profile (a skill the profile does not list is refused: the profile is the one place a person's
 * interests live), active or inactive. The residents module owns the person; this table only
 * says "volunteers, with these skills".
 */
export interface VolunteerRow {
  residentId: number;
  name: string;
  maskedPhone: string;
  cardNo: string;
  interests: InterestId[];
  skills: InterestId[];
  active: boolean;
  note: string | null;
  joinedAt: string;
  /** Approved hours in minutes, pending minutes and the points balance. */
  minutes: number;
  pendingMinutes: number;
  balance: number;
  tier: TierView;
}

/** An active resident by id, or a Chinese refusal that says why not. */
export function activeResident(db: Db, residentId: number): Resident {
  const r = getResident(db, residentId);
  if (!r) throw new ApiError('VOL_RESIDENT_UNKNOWN');
  if (r.status !== 'active') throw new ApiError('VOL_RESIDENT_INACTIVE');
  return r;
}

/** A scanned card (HNR1:…) or typed card number at the staff desk → the active resident. */
export function residentByCardCode(db: Db, code: string): Resident {
  const card = parseCardCode(code);
  const r = card ? findActiveByCard(db, card) : null;
  if (!r) throw new ApiError('VOL_RESIDENT_UNKNOWN');
  return r;
}

export function approvedMinutes(db: Db, residentId: number): number {
  return (db.prepare("SELECT COALESCE(SUM(minutes), 0) AS m FROM vol_hours WHERE resident_id = ? AND status = 'approved'").get(residentId) as { m: number }).m;
}

interface Row {
  resident_id: number;
  skills: string;
  active: number;
  note: string | null;
  joined_at: string;
}

function toView(db: Db, row: Row, r: Resident, tierHours: readonly number[]): VolunteerRow {
  const minutes = approvedMinutes(db, r.id);
  const pending = (db.prepare("SELECT COALESCE(SUM(minutes), 0) AS m FROM vol_hours WHERE resident_id = ? AND status = 'pending'").get(r.id) as { m: number }).m;
  return {
    residentId: r.id,
    name: r.name ?? '',
    maskedPhone: maskPhone(r.phone),
    cardNo: r.cardNo,
    interests: r.interests,
    skills: JSON.parse(row.skills) as InterestId[],
    active: row.active === 1,
    note: row.note,
    joinedAt: row.joined_at,
    minutes,
    pendingMinutes: pending,
    balance: residentBalance(db, r.id),
    tier: tierFor(minutes, tierHours),
  };
}

export function getVolunteer(db: Db, residentId: number): VolunteerRow | null {
  const row = db.prepare('SELECT * FROM volunteers WHERE resident_id = ?').get(residentId) as Row | undefined;
  const r = row ? getResident(db, residentId) : null;
  return row && r ? toView(db, row, r, readVolConfig(db).tierHours) : null;
}

export function listVolunteers(db: Db, options: { includeInactive: boolean }): VolunteerRow[] {
  const tiers = readVolConfig(db).tierHours;
  const rows = db
    .prepare(
      `SELECT v.* FROM volunteers v JOIN residents r ON r.id = v.resident_id WHERE r.status = 'active' ${options.includeInactive ? '' : 'AND v.active = 1'}
       ORDER BY v.active DESC, r.name_initials, r.id`,
    )
    .all() as Row[];
  return rows.map((row) => toView(db, row, getResident(db, row.resident_id)!, tiers));
}

/** Registers a resident as a volunteer, or changes skills/active/note; skills must be among their interests. */
export function saveVolunteer(db: Db, input: { residentId: number; skills: InterestId[]; active: boolean; note?: string | null }, now: Date): { created: boolean } {
  const r = activeResident(db, input.residentId);
  const stray = input.skills.find((s) => !r.interests.includes(s));
  if (stray) throw new ApiError('VOL_SKILL_NOT_INTEREST', { skill: interestLabel(stray) });
  const at = now.toISOString();
  const exists = db.prepare('SELECT 1 FROM volunteers WHERE resident_id = ?').get(r.id);
  const skills = JSON.stringify([...new Set(input.skills)]);
  if (exists)
    db.prepare('UPDATE volunteers SET skills = ?, active = ?, note = ?, updated_at = ? WHERE resident_id = ?').run(skills, input.active ? 1 : 0, input.note ?? null, at, r.id);
  else
    db.prepare('INSERT INTO volunteers (resident_id, skills, active, note, joined_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      r.id,
      skills,
      input.active ? 1 : 0,
      input.note ?? null,
      at,
      at,
    );
  return { created: !exists };
}

/** A person who served in the role 志愿者 at an activity is a volunteer from then on (no skills yet). */
export function ensureVolunteer(db: Db, residentId: number, now: Date): void {
  const at = now.toISOString();
  db.prepare("INSERT INTO volunteers (resident_id, skills, active, joined_at, updated_at) VALUES (?, '[]', 1, ?, ?) ON CONFLICT(resident_id) DO NOTHING").run(residentId, at, at);
}

const interestLabels: Record<InterestId, string> = {
  calligraphy: '书法',
  choir: '合唱',
  dance: '广场舞',
  taichi: '太极拳',
  painting: '绘画',
  photography: '摄影',
  chess: '棋牌',
  travel: '旅游',
  health: '养生讲座',
  volunteer: '志愿服务',
};
export function interestLabel(id: InterestId): string {
  return interestLabels[id] ?? id;
}

export { maskName };

import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { scrubJobsOf } from '../printing/jobs.js';
import { eraseRequestsOf } from '../requests/erasure.js';
import { cardQrPayload, formatCardNumber, generateCardNumber } from './cards.js';
import { hmacIdNumber, openIdNumber, parseIdNumber, sealIdNumber, type KeyProvider } from './idNumbers.js';
import { nameInitials } from './pinyinInitials.js';
import { runErasureHooks } from './residentHooks.js';
import type { InterestId, LodgingKind, NeedId, ResidentFields } from './schema.js';
import { eraseSuggestionsOf } from '../requests/suggestions.js';
import { eraseRatingTextOf } from '../requests/ratings.js';

/**
 * The resident record: one person, one row. Phone numbers are unique among active residents and
 * ID numbers (by keyed HMAC) across all rows; a clash is a RESIDENT_DUPLICATE the caller can show.
 */
export type ResidentStatus = 'active' | 'deceased' | 'anonymised' | 'merged';

export interface Resident {
  id: number;
  cardNo: string;
  status: ResidentStatus;
  name: string | null;
  phone: string | null;
  idMasked: string | null;
  sex: 'M' | 'F' | null;
  birthYear: number | null;
  originProvince: string | null;
  originCity: string | null;
  lodgingKind: LodgingKind | null;
  lodgingId: number | null;
  lodgingName: string | null;
  lodgingAddress: string | null;
  emergencyName: string | null;
  emergencyPhone: string | null;
  needs: NeedId[];
  needsNote: string | null;
  partyMember: boolean;
  partyBranch: string | null;
  interests: InterestId[];
  consentVersion: string | null;
  consentAt: string | null;
  createdAt: string;
  updatedAt: string;
  lastSeenAt: string;
  mergedInto: number | null;
}

interface Row {
  id: number;
  card_no: string;
  status: ResidentStatus;
  name: string | null;
  phone: string | null;
  id_masked: string | null;
  sex: 'M' | 'F' | null;
  birth_year: number | null;
  origin_province: string | null;
  origin_city: string | null;
  lodging_kind: LodgingKind | null;
  lodging_id: number | null;
  lodging_name: string | null;
  lodging_address: string | null;
  emergency_name: string | null;
  emergency_phone: string | null;
  needs: string;
  needs_note: string | null;
  party_member: number;
  party_branch: string | null;
  interests: string;
  consent_version: string | null;
  consent_at: string | null;
  created_at: string;
  updated_at: string;
  last_seen_at: string;
  merged_into: number | null;
}

const SELECT = `SELECT r.*, l.name AS lodging_name FROM residents r LEFT JOIN lodgings l ON l.id = r.lodging_id`;

function toResident(r: Row): Resident {
  return {
    id: r.id,
    cardNo: r.card_no,
    status: r.status,
    name: r.name,
    phone: r.phone,
    idMasked: r.id_masked,
    sex: r.sex,
    birthYear: r.birth_year,
    originProvince: r.origin_province,
    originCity: r.origin_city,
    lodgingKind: r.lodging_kind,
    lodgingId: r.lodging_id,
    lodgingName: r.lodging_name,
    lodgingAddress: r.lodging_address,
    emergencyName: r.emergency_name,
    emergencyPhone: r.emergency_phone,
    needs: JSON.parse(r.needs) as NeedId[],
    needsNote: r.needs_note,
    partyMember: r.party_member === 1,
    partyBranch: r.party_branch,
    interests: JSON.parse(r.interests) as InterestId[],
    consentVersion: r.consent_version,
    consentAt: r.consent_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastSeenAt: r.last_seen_at,
    mergedInto: r.merged_into,
  };
}

export function getResident(db: Db, id: number): Resident | null {
  const row = db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as Row | undefined;
  return row ? toResident(row) : null;
}

export function requireResident(db: Db, id: number): Resident {
  const r = getResident(db, id);
  if (!r) throw new ApiError('NOT_FOUND');
  return r;
}

/**
 * A merged-away record → the active record it now belongs to (following merges of merges), or
 * null when the chain ends in an erased record. A merged row keeps its card number and phone as
 * aliases of the kept person.
 */
export function resolveMerged(db: Db, id: number): number | null {
  const step = db.prepare('SELECT status, merged_into FROM residents WHERE id = ?');
  let current = id;
  for (let hops = 0; hops < 32; hops++) {
    const row = step.get(current) as { status: string; merged_into: number | null } | undefined;
    if (!row) return null;
    if (row.status === 'active') return current;
    if (row.status !== 'merged' || row.merged_into === null) return null;
    current = row.merged_into;
  }
  return null;
}

/** The active resident a card belongs to: their own card, or the card of a record merged into them. */
export function activeIdByCard(db: Db, cardNo: string): number | null {
  const row = db.prepare('SELECT id FROM residents WHERE card_no = ?').get(cardNo) as { id: number } | undefined;
  return row ? resolveMerged(db, row.id) : null;
}

/** The active resident with this phone, or the one a record with this (alias) phone was merged into. */
export function activeIdByPhone(db: Db, phone: string): number | null {
  const own = db.prepare("SELECT id FROM residents WHERE phone = ? AND status = 'active'").get(phone) as { id: number } | undefined;
  if (own) return own.id;
  for (const alias of db.prepare("SELECT id FROM residents WHERE phone = ? AND status = 'merged'").all(phone) as Array<{ id: number }>) {
    const id = resolveMerged(db, alias.id);
    if (id !== null) return id;
  }
  return null;
}

export function findActiveByCard(db: Db, cardNo: string): Resident | null {
  const id = activeIdByCard(db, cardNo);
  return id === null ? null : getResident(db, id);
}

export function findActiveByPhone(db: Db, phone: string): Resident | null {
  const id = activeIdByPhone(db, phone);
  return id === null ? null : getResident(db, id);
}

/** Age in whole years at `now` from the birth year alone (people are counted by 周岁 roughly). */
export function ageOf(birthYear: number | null, now: Date): number | null {
  return birthYear === null ? null : now.getUTCFullYear() - birthYear;
}

const reverse = (s: string) => [...s].reverse().join('');

/** Columns written from profile fields; used by register and update alike. */
function columnsFor(f: ResidentFields, key: KeyProvider, now: Date) {
  const facts = f.idNumber ? parseIdNumber(f.idNumber, now) : null;
  const sealed = f.idNumber ? sealIdNumber(f.idNumber, key) : null;
  return {
    name: f.name,
    name_initials: nameInitials(f.name),
    phone: f.phone,
    phone_rev: reverse(f.phone),
    id_cipher: sealed?.cipher ?? null,
    id_hmac: sealed?.hmac ?? null,
    id_masked: sealed?.masked ?? null,
    // The ID number is the better source: what it says wins over what was typed.
    sex: facts?.sex ?? f.sex ?? null,
    birth_year: facts?.birthYear ?? f.birthYear ?? null,
    origin_province: f.originProvince,
    origin_city: f.originCity,
    lodging_kind: f.lodgingKind,
    lodging_id: f.lodgingKind === 'hotel' ? (f.lodgingId ?? null) : null,
    lodging_address: f.lodgingKind === 'hotel' ? null : f.lodgingAddress,
    emergency_name: f.emergencyName,
    emergency_phone: f.emergencyPhone,
    needs: JSON.stringify([...new Set(f.needs)]),
    needs_note: f.needsNote,
    party_member: f.partyMember ? 1 : 0,
    party_branch: f.partyMember ? f.partyBranch : null,
    interests: JSON.stringify([...new Set(f.interests)]),
  };
}

/** Throws RESIDENT_DUPLICATE when the phone or ID number already belongs to someone else. */
export function assertUnique(db: Db, f: { phone: string; idNumber: string | null }, key: KeyProvider, exceptId: number | null): void {
  // An alias phone (a record merged into someone) counts as that person's.
  const byPhone = activeIdByPhone(db, f.phone);
  if (byPhone !== null && byPhone !== exceptId) throw new ApiError('RESIDENT_DUPLICATE_PHONE', { residentId: byPhone });
  if (f.idNumber) {
    const byId = db.prepare('SELECT id FROM residents WHERE id_hmac = ? AND id IS NOT ?').get(hmacIdNumber(f.idNumber, key), exceptId) as { id: number } | undefined;
    if (byId) throw new ApiError('RESIDENT_DUPLICATE_ID', { residentId: byId.id });
  }
}

function assertLodging(db: Db, f: ResidentFields): void {
  if (f.lodgingKind !== 'hotel') return;
  const ok = db.prepare('SELECT 1 FROM lodgings WHERE id = ? AND active = 1').get(f.lodgingId);
  if (!ok) throw new ApiError('LODGING_UNKNOWN');
}

function uniqueCardNumber(db: Db): string {
  const exists = db.prepare('SELECT 1 FROM residents WHERE card_no = ?');
  for (;;) {
    const card = generateCardNumber();
    if (!exists.get(card)) return card;
  }
}

/** Creates a resident. Call inside the caller's transaction (with the stay and the audit). */
export function insertResident(db: Db, f: ResidentFields, opts: { key: KeyProvider; now: Date; consentVersion: string }): Resident {
  assertUnique(db, f, opts.key, null);
  assertLodging(db, f);
  const at = opts.now.toISOString();
  const cols = {
    ...columnsFor(f, opts.key, opts.now),
    card_no: uniqueCardNumber(db),
    consent_version: opts.consentVersion,
    consent_at: at,
    created_at: at,
    updated_at: at,
    last_seen_at: at,
  };
  const names = Object.keys(cols);
  const info = db.prepare(`INSERT INTO residents (${names.join(', ')}) VALUES (${names.map((n) => '@' + n).join(', ')})`).run(cols);
  return getResident(db, Number(info.lastInsertRowid))!;
}

/**
 * Replaces a resident's profile fields. An omitted ID number keeps the stored one (screens never
 * hold it in clear); `clearIdNumber` removes it. Returns the names of the fields that changed.
 */
export function updateResident(db: Db, id: number, f: ResidentFields, opts: { key: KeyProvider; now: Date; clearIdNumber?: boolean }): string[] {
  const before = requireResident(db, id);
  if (before.status !== 'active') throw new ApiError('RESIDENT_INACTIVE');
  assertUnique(db, f, opts.key, id);
  assertLodging(db, f);
  const cols: Record<string, unknown> = columnsFor(f, opts.key, opts.now);
  if (!f.idNumber && !opts.clearIdNumber) {
    delete cols.id_cipher;
    delete cols.id_hmac;
    delete cols.id_masked;
    const kept = db.prepare('SELECT sex, birth_year FROM residents WHERE id = ?').get(id) as { sex: string | null; birth_year: number | null };
    if (before.idMasked) {
      cols.sex = kept.sex;
      cols.birth_year = kept.birth_year;
    }
  }
  cols.updated_at = opts.now.toISOString();
  // A staff edit is contact with the person: it restarts the retention period.
  cols.last_seen_at = cols.updated_at;
  db.prepare(
    `UPDATE residents SET ${Object.keys(cols)
      .map((c) => `${c} = @${c}`)
      .join(', ')} WHERE id = @id`,
  ).run({ ...cols, id });
  const after = getResident(db, id)!;
  // What the person's record says that differs; the bookkeeping times are not "changes".
  const bookkeeping = new Set<keyof Resident>(['updatedAt', 'lastSeenAt']);
  const changed = (Object.keys(after) as Array<keyof Resident>).filter((k) => !bookkeeping.has(k) && JSON.stringify(after[k]) !== JSON.stringify(before[k]));
  return changed;
}

export function touchResident(db: Db, id: number, now: Date): void {
  db.prepare('UPDATE residents SET last_seen_at = ? WHERE id = ?').run(now.toISOString(), id);
}

/** The clear ID number, for the audit-logged admin reveal only. */
export function revealIdNumber(db: Db, id: number, key: KeyProvider): string | null {
  const row = db.prepare('SELECT id_cipher FROM residents WHERE id = ?').get(id) as { id_cipher: string | null } | undefined;
  if (!row) throw new ApiError('NOT_FOUND');
  return row.id_cipher ? openIdNumber(row.id_cipher, key) : null;
}

/**
 * Wipes everything that identifies a person and keeps what statistics need (birth year, sex,
 * home province and city, needs and interests as categories, stays). The card stops resolving;
 * alias phones of records merged into this one go too, and so does every print job that names
 * the person. Call inside a transaction, then `flushErasure` once it has committed.
 */
export function anonymiseResident(db: Db, id: number, status: 'anonymised' | 'deceased', now: Date): void {
  const at = now.toISOString();
  const person = db.prepare('SELECT name, phone, card_no FROM residents WHERE id = ?').get(id) as { name: string | null; phone: string | null; card_no: string } | undefined;
  if (!person) throw new ApiError('NOT_FOUND');
  const aliases = db
    .prepare(
      `WITH RECURSIVE chain(id) AS (SELECT id FROM residents WHERE merged_into = ? UNION SELECT r.id FROM residents r JOIN chain c ON r.merged_into = c.id)
       SELECT r.id, r.phone, r.card_no FROM residents r JOIN chain c ON c.id = r.id`,
    )
    .all(id) as Array<{ id: number; phone: string | null; card_no: string }>;
  const cards = [person.card_no, ...aliases.map((a) => a.card_no)];
  const values = [person.name, person.phone, ...aliases.map((a) => a.phone), ...cards, ...cards.map(formatCardNumber), ...cards.map(cardQrPayload)].filter((v): v is string =>
    Boolean(v),
  );
  const loanIds = (db.prepare('SELECT id FROM loans WHERE resident_id = ?').all(id) as Array<{ id: number }>).map((l) => l.id);
  // 接诉即办: the request texts follow the person (issue 17); receipts and 派单单 carrying them are scrubbed below.
  values.push(...eraseRequestsOf(db, id, now));
  scrubJobsOf(db, { values, loanIds }, now);
  db.prepare(
    `UPDATE residents SET status = ?, name = NULL, name_initials = NULL, phone = NULL, phone_rev = NULL,
       id_cipher = NULL, id_hmac = NULL, id_masked = NULL, lodging_address = NULL, emergency_name = NULL,
       emergency_phone = NULL, needs_note = NULL, party_branch = NULL, anonymised_at = ?, updated_at = ?
     WHERE id = ?`,
  ).run(status, at, at, id);
  for (const a of aliases) db.prepare('UPDATE residents SET phone = NULL, phone_rev = NULL, updated_at = ? WHERE id = ?').run(at, a.id);
  // 金点子 and typed rating reasons may hold their words (issue 17): they go with the person.
  eraseSuggestionsOf(db, id, now);
  eraseRatingTextOf(db, id);
  // A person who is gone is not in town: close any open stay where it stands.
  db.prepare(`UPDATE stays SET departed_at = ? WHERE resident_id = ? AND departed_at IS NULL`).run(at, id);
  runErasureHooks(db, id, now);
}

/**
 * After an erasure has committed: copy the WAL into the database file and truncate it, so the
 * old page images (which still hold the erased values) leave the -wal file, and the overwritten
 * pages of the main file hold only the new, zeroed content (secure_delete is on for every
 * connection, see db/connection.ts). Returns false when a reader held the WAL open and the
 * checkpoint could not finish; the next erasure or SQLite's automatic checkpoint completes it.
 */
export function flushErasure(db: Db): boolean {
  if (db.inTransaction || db.memory) return false;
  const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
  return row ? row.busy === 0 : true;
}

import type { Db } from '../../../db/connection.js';
import { SessionStore } from '../../../db/api/sessions.js';
import { cardQrPayload, generateCardNumber } from '../../../db/residents/cards.js';
import { adminToken, ok, tempApi } from '../../helpers/tempDb.js';

export const T0 = new Date('2026-11-22T02:00:00Z'); // 10:00 in the center (Asia/Shanghai)

let seq = 0;
/** A resident as the residents module writes one (straight into its table): interests, sex, party membership. */
export function addResident(
  db: Db,
  options: { name?: string; sex?: 'M' | 'F' | null; interests?: string[]; partyMember?: boolean; birthYear?: number } = {},
): { id: number; cardNo: string; qr: string; phone: string } {
  const cardNo = generateCardNumber();
  const at = '2026-11-01T00:00:00.000Z';
  const phone = `1390000${String(++seq).padStart(4, '0')}`;
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO residents (card_no, name, phone, sex, birth_year, interests, party_member, party_branch, created_at, updated_at, last_seen_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      cardNo,
      options.name ?? '张建华',
      phone,
      options.sex === undefined ? 'M' : options.sex,
      options.birthYear ?? 1956,
      JSON.stringify(options.interests ?? ['volunteer', 'health']),
      options.partyMember ? 1 : 0,
      options.partyMember ? '哈尔滨市某社区党支部' : null,
      at,
      at,
      at,
    );
  return { id: Number(lastInsertRowid), cardNo, qr: cardQrPayload(cardNo), phone };
}

/** The real API at a settable clock, the manager's token, a staff member's token. */
export async function timeBank() {
  const clock = { now: T0 };
  const t = tempApi({ clock: () => clock.now, sessions: new SessionStore(365 * 86_400_000) });
  const admin = await adminToken(t.api);
  const clerk = await ok(t.api, 'staff.create', { name: '小李', pin: '2468', role: 'staff' }, admin);
  const staff = (await ok(t.api, 'staff.login', { staffId: clerk.id, pin: '2468' })).token as string;
  return { ...t, clock, admin, staff };
}

/** A volunteer with `minutes` approved (a manual credit requested by staff and approved by the manager). */
export async function volunteerWithHours(tb: Awaited<ReturnType<typeof timeBank>>, minutes: number, options: Parameters<typeof addResident>[1] = {}) {
  const r = addResident(tb.db, options);
  await ok(tb.api, 'volunteering.saveVolunteer', { residentId: r.id, skills: ['volunteer'] }, tb.staff);
  if (minutes > 0) {
    const h = await ok(tb.api, 'volunteering.requestCredit', { residentId: r.id, minutes, workedOn: '2026-11-21', reason: '协助义诊' }, tb.staff);
    await ok(tb.api, 'volunteering.decideCredit', { id: h.id, approve: true }, tb.admin);
  }
  return r;
}

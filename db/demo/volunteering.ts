import type { Db } from '../connection.js';
import type { InterestId } from '../residents/schema.js';
import { saveItem } from '../volunteering/catalogue.js';
import { decideManualCredit, requestManualCredit } from '../volunteering/credit.js';
import { redeem } from '../volunteering/redeem.js';
import { saveVolunteer } from '../volunteering/volunteers.js';

const DAY = 86_400_000;

/**
 * 时间银行 of the demo center: a dozen volunteers (skills from their own interests), hours from
 * approved manual credits over the last weeks and one still waiting for 王站长, the 爱心超市
 * catalogue (goods with stock, two meals) and a few redemptions. Activity credits are left to the
 * activities module (their attendance ids are its own). The 光荣榜 stays off, as on a real install.
 * Called from seedDemo after the residents seeder, inside its transaction.
 */
export function seedVolunteeringDemo(db: Db, now: Date): void {
  const admin = (db.prepare("SELECT id FROM staff WHERE role = 'admin' ORDER BY id LIMIT 1").get() as { id: number } | undefined)?.id;
  const clerk = (db.prepare("SELECT id FROM staff WHERE role = 'staff' ORDER BY id LIMIT 1").get() as { id: number } | undefined)?.id ?? admin;
  if (!admin || !clerk) return;
  const items = [
    { name: '大米 5 斤', kind: 'goods' as const, pricePoints: 50, stock: 20 },
    { name: '食用油 1 升', kind: 'goods' as const, pricePoints: 40, stock: 12 },
    { name: '洗衣液', kind: 'goods' as const, pricePoints: 30, stock: 15 },
    { name: '毛巾', kind: 'goods' as const, pricePoints: 10, stock: 30 },
    { name: '理发一次', kind: 'meal' as const, pricePoints: 20 },
    { name: '爱心午餐', kind: 'meal' as const, pricePoints: 15 },
  ].map((i) => saveItem(db, { ...i, active: true }, admin, now));

  const people = db.prepare("SELECT id, interests FROM residents WHERE status = 'active' AND interests <> '[]' ORDER BY id LIMIT 12").all() as Array<{
    id: number;
    interests: string;
  }>;
  const reasons = ['协助义诊量血压', '整理图书角', '活动室值班', '陪同新来的候鸟报到', '打扫活动广场', '合唱团排练带教'];
  people.forEach((p, n) => {
    const interests = JSON.parse(p.interests) as InterestId[];
    saveVolunteer(db, { residentId: p.id, skills: interests.slice(0, 2), active: n !== 11, note: null }, new Date(now.getTime() - (n < 6 ? 400 : 40) * DAY));
    if (n === 11) return;
    // Between 2 and 12 credits each, 1–3 hours, spread over the last five weeks: some reach 一星 (20 h).
    const credits = 2 + ((n * 7) % 11);
    for (let c = 0; c < credits; c++) {
      const at = new Date(now.getTime() - (35 - ((c * 3 + n) % 33)) * DAY);
      const h = requestManualCredit(
        db,
        { residentId: p.id, minutes: 60 + ((c + n) % 5) * 30, workedAt: at.toISOString(), reason: reasons[(c + n) % reasons.length]!, staffId: clerk },
        at,
      );
      decideManualCredit(db, { id: h.id, approve: true, note: null, staffId: admin }, new Date(at.getTime() + 3600_000));
    }
    if (n % 3 === 0) redeem(db, { residentId: p.id, lines: [{ itemId: items[5]!.id, quantity: 1 }], staffId: clerk }, new Date(now.getTime() - 3 * DAY));
    if (n % 4 === 1) redeem(db, { residentId: p.id, lines: [{ itemId: items[0]!.id, quantity: 1 }], staffId: clerk }, new Date(now.getTime() - 2 * DAY));
  });
  // Last season too (about a year ago), so 统计报表's 上季 has hours and redemptions to compare.
  people.slice(0, 6).forEach((p, n) => {
    for (let c = 0; c < 3; c++) {
      const at = new Date(now.getTime() - (350 + c * 9 + n) * DAY);
      const h = requestManualCredit(db, { residentId: p.id, minutes: 90 + c * 30, workedAt: at.toISOString(), reason: reasons[(c + n) % reasons.length]!, staffId: clerk }, at);
      decideManualCredit(db, { id: h.id, approve: true, note: null, staffId: admin }, new Date(at.getTime() + 3600_000));
    }
    redeem(db, { residentId: p.id, lines: [{ itemId: items[3]!.id, quantity: 1 }], staffId: clerk }, new Date(now.getTime() - 345 * DAY));
  });
  // One request for the manager to decide (工时 → 待审批).
  if (people[0])
    requestManualCredit(db, { residentId: people[0].id, minutes: 120, workedAt: new Date(now.getTime() - DAY).toISOString(), reason: '协助健康讲座签到', staffId: clerk }, now);
}

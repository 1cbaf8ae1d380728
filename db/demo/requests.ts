import type { Db } from '../connection.js';
import { listCategories } from '../requests/categories.js';
import { saveHandler } from '../requests/handlers.js';
import {
  assignRequest,
  closeRequest,
  escalateRequest,
  noteRequest,
  pauseRequest,
  rateRequest,
  recordResult,
  resumeRequest,
  submitRequest,
  triageRequest,
} from '../requests/requests.js';
import type { RequestLevel } from '../requests/types.js';
import { seededRandom } from './residents.js';

const HOUR = 3_600_000;

/**
 * 接诉即办 for the demo center (issue 17): the handlers list, a handful of open requests in every
 * state (new, triaged, with a handler and overdue, paused, resolved awaiting the rating, a 回访 after
 * a bad rating, closed), and two seasons of closed cases so the dashboard's 接诉即办 charts show
 * something. Every case goes through the domain functions at its own past moment, so the event rows
 * are the ones real use would write. Runs after the residents seeder.
 */
export function seedRequestsDemo(db: Db, now: Date): void {
  const residents = (db.prepare("SELECT id FROM residents WHERE status = 'active' ORDER BY id").all() as Array<{ id: number }>).map((r) => r.id);
  const staff = (db.prepare('SELECT id FROM staff ORDER BY id').all() as Array<{ id: number }>).map((s) => s.id);
  if (!residents.length || !staff.length) return;
  const cats = new Map(listCategories(db).map((c) => [c.name, c.id]));
  const cat = (name: string) => cats.get(name)!;
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  const desk = { staffId: staff[staff.length - 1]! };
  const boss = { staffId: staff[0]! };
  const handlers = [
    saveHandler(db, { kind: 'grid', name: '第三网格 刘海燕', phone: '13908120001', active: true }, at(24 * 500)),
    saveHandler(db, { kind: 'informant', name: '民情信息员 赵国强', phone: '13908120002', active: true }, at(24 * 500)),
    saveHandler(db, { kind: 'property', name: '阳光小区物业', phone: '08120002222', active: true }, at(24 * 500)),
    saveHandler(db, { kind: 'merchant', name: '惠民老年食堂', phone: '08120003333', active: true }, at(24 * 500)),
    saveHandler(db, { kind: 'department', name: '街道城管科', phone: '08120004444', active: true }, at(24 * 500)),
  ];
  const who = (i: number) => residents[i % residents.length]!;
  const submit = (i: number, category: string, description: string, hoursAgo: number, phone: string | null = null) =>
    submitRequest(db, { residentId: who(i), categoryId: cat(category), description, callbackPhone: phone, source: 'kiosk' }, at(hoursAgo));

  // Today's desk: one of each state.
  submit(0, '临时保洁', '3 栋楼道有垃圾，两天没有清运。', 1);
  const b = submit(1, '房屋设施（水电燃气照明消防）', '楼道灯不亮，晚上出门看不清台阶。', 5, '13908121111');
  triageRequest(db, b.id, 'yellow', desk, at(4.5));
  const c = submit(2, '短期停车', '小区门口临时停车位被长期占用，家属来看我没处停车。', 52);
  triageRequest(db, c.id, 'red', desk, at(51));
  assignRequest(db, c.id, { handlerId: handlers[4]!.id }, desk, at(50.5));
  noteRequest(db, c.id, '已电话城管科，答复本周内处理。', desk, at(30));
  const d = submit(3, '看病就医', '想找人陪同去市中心医院复查。', 20);
  triageRequest(db, d.id, 'green', desk, at(19.5));
  assignRequest(db, d.id, { staffId: boss.staffId }, desk, at(19));
  pauseRequest(db, d.id, 'resident', '请居民确认复查日期', boss, at(18));
  const e = submit(4, '用餐', '想订每天中午的老年餐，送到家里。', 30);
  triageRequest(db, e.id, 'green', desk, at(29.5));
  assignRequest(db, e.id, { handlerId: handlers[3]!.id }, desk, at(29));
  recordResult(db, e.id, '已为您登记老年餐送餐，每天 11:30 送到，月底结算。', desk, at(6));
  const f = submit(5, '邻里纠纷', '楼上晚上十一点后还有很大的响声。', 80);
  triageRequest(db, f.id, 'yellow', desk, at(79));
  assignRequest(db, f.id, { handlerId: handlers[0]!.id }, desk, at(78));
  recordResult(db, f.id, '网格员已上门沟通，楼上住户表示晚上十点后不再装修。', desk, at(40));
  rateRequest(db, f.id, 2, '后来又吵了两次', at(30));
  const g = submit(6, '交通出行', '想知道去机场的公交线路。', 26);
  triageRequest(db, g.id, 'green', desk, at(25.9));
  recordResult(db, g.id, '已当场告知：乘 15 路到火车站换乘机场专线。', desk, at(25.8));
  rateRequest(db, g.id, 5, undefined, at(25.7));

  // Two seasons of closed cases for the dashboard (Oct–Apr; history ends two weeks ago).
  const random = seededRandom(20261217);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const names = [...cats.keys()];
  const texts: Record<string, string> = {};
  for (const n of names) texts[n] = `${n}：请帮忙处理。`;
  const levels: RequestLevel[] = ['green', 'green', 'yellow', 'yellow', 'red'];
  for (let h = 24 * 430; h > 24 * 14; h -= 8 + Math.floor(random() * 40)) {
    const m = at(h).getUTCMonth();
    if (!(m >= 9 || m <= 3)) continue;
    const name = pick(names);
    const r = submitRequest(db, { residentId: pick(residents), categoryId: cat(name), description: texts[name]!, source: random() < 0.8 ? 'kiosk' : 'desk' }, at(h));
    const level = pick(levels);
    triageRequest(db, r.id, level, desk, at(h - 0.5));
    if (level !== 'green') assignRequest(db, r.id, { handlerId: pick(handlers).id }, desk, at(h - 1));
    if (level === 'yellow' && random() < 0.3) escalateRequest(db, r.id, '需要部门协调', boss, at(h - 2));
    let t = h - 1;
    if (random() < 0.15) {
      pauseRequest(db, r.id, random() < 0.5 ? 'resident' : 'external', undefined, desk, at(t - 2));
      resumeRequest(db, r.id, desk, at(t - 2 - 12 * random()));
      t -= 14;
    }
    const hours = level === 'green' ? 0.5 + random() * 3 : 6 + random() * 60;
    recordResult(db, r.id, '已办结。', desk, at(t - hours));
    const roll = random();
    if (roll < 0.75) rateRequest(db, r.id, pick([5, 5, 4, 4, 3]), undefined, at(t - hours - 2));
    else if (roll < 0.85) {
      rateRequest(db, r.id, pick([2, 1]), '问题没有彻底解决', at(t - hours - 2));
      recordResult(db, r.id, '回访后已再次处理。', desk, at(t - hours - 20));
    } else closeRequest(db, r.id, '电话回访，居民表示已解决', desk, at(t - hours - 24 * 3));
  }
}

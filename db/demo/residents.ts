import type { Db } from '../connection.js';
import { generateCardNumber } from '../residents/cards.js';
import { saveLodging } from '../residents/lodgings.js';
import { nameInitials } from '../residents/pinyinInitials.js';
import { findProvince } from '../residents/regions.js';
import { interestIds, needIds } from '../residents/schema.js';

/**
 * Demo residents for training: a few hundred seasonal residents with several winters of stays,
 * origins as the seeds report them (东北, 内蒙古, 西北, 川渝), ages mostly 60–80, obviously fake
 * names and 139 0000 xxxx phones, no ID numbers. Deterministic: the same database every time.
 */
export function seededRandom(seed: number): () => number {
  // mulberry32: small, fast, good enough for demo data.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐韩冯于董曹田';
const GIVEN = [
  '建国',
  '秀兰',
  '桂英',
  '玉兰',
  '淑珍',
  '凤霞',
  '国华',
  '志强',
  '德明',
  '文华',
  '丽华',
  '秀英',
  '春生',
  '永福',
  '振华',
  '玉梅',
  '桂芝',
  '红梅',
  '立新',
  '宝山',
  '长海',
  '淑芬',
  '金凤',
  '保国',
  '庆林',
  '素琴',
  '广田',
  '翠兰',
  '树林',
  '福贵',
];

/** [province, city, weight] — most from the northeast, as in the 攀枝花 reports. */
const ORIGINS: Array<[string, string, number]> = [
  ['黑龙江省', '哈尔滨市', 10],
  ['黑龙江省', '大庆市', 6],
  ['黑龙江省', '齐齐哈尔市', 5],
  ['黑龙江省', '伊春市', 3],
  ['黑龙江省', '牡丹江市', 3],
  ['吉林省', '长春市', 7],
  ['吉林省', '吉林市', 5],
  ['吉林省', '四平市', 3],
  ['辽宁省', '沈阳市', 7],
  ['辽宁省', '大连市', 4],
  ['辽宁省', '鞍山市', 4],
  ['辽宁省', '抚顺市', 3],
  ['内蒙古自治区', '包头市', 5],
  ['内蒙古自治区', '呼和浩特市', 4],
  ['内蒙古自治区', '赤峰市', 2],
  ['甘肃省', '兰州市', 5],
  ['甘肃省', '天水市', 2],
  ['陕西省', '西安市', 5],
  ['陕西省', '宝鸡市', 2],
  ['重庆市', '重庆市', 6],
  ['四川省', '成都市', 6],
  ['四川省', '绵阳市', 2],
  ['山东省', '济南市', 1],
  ['河北省', '石家庄市', 1],
  ['北京市', '北京市', 1],
];

const LODGINGS: Array<[string, 'hotel' | 'minsu' | 'apartment', string]> = [
  ['阳光康养酒店（演示）', 'hotel', '东区炳草岗大道 8 号'],
  ['花城候鸟公寓（演示）', 'apartment', '东区新华街 21 号'],
  ['金沙江畔民宿（演示）', 'minsu', '东区滨江路 66 号'],
  ['芒果小院民宿（演示）', 'minsu', '仁和区芒果路 3 号'],
  ['三线记忆酒店（演示）', 'hotel', '东区人民街 120 号'],
  ['暖冬康养公寓（演示）', 'apartment', '东区炳草岗 银杏路 9 号'],
];

export interface DemoResident {
  name: string;
  phone: string;
  sex: 'M' | 'F';
  birthYear: number;
  province: string;
  city: string;
}

function pickWeighted<T extends [string, string, number]>(items: T[], r: number): T {
  const total = items.reduce((n, i) => n + i[2], 0);
  let x = r * total;
  for (const i of items) if ((x -= i[2]) < 0) return i;
  return items[items.length - 1]!;
}

/** One fake person; `index` makes the phone unique (139 0000 xxxx, then 139 0001 xxxx…). */
export function demoPerson(random: () => number, index: number, now: Date): DemoResident {
  const surname = SURNAMES[Math.floor(random() * SURNAMES.length)]!;
  const given = GIVEN[Math.floor(random() * GIVEN.length)]!;
  const [province, city] = pickWeighted(ORIGINS, random());
  // Ages mostly 60–80: a triangle-ish spread around 69, a few outside.
  const age = Math.round(55 + (random() + random() + random()) * 10);
  return {
    name: surname + given,
    phone: `1390${String(Math.floor(index / 10000)).padStart(3, '0')}${String(index % 10000).padStart(4, '0')}`,
    sex: random() < 0.5 ? 'M' : 'F',
    birthYear: now.getUTCFullYear() - age,
    province,
    city,
  };
}

export function seedResidentsDemo(db: Db, now: Date, count = 320): void {
  const random = seededRandom(20261123);
  const lodgingIds = LODGINGS.map(([name, kind, address]) => saveLodging(db, { name, kind, address, active: true }));
  const insertResident = db.prepare(
    `INSERT INTO residents (card_no, name, name_initials, phone, phone_rev, sex, birth_year, origin_province, origin_city, lodging_kind,
       lodging_id, lodging_address, emergency_name, emergency_phone, needs, party_member, party_branch, interests, consent_version, consent_at,
       created_at, updated_at, last_seen_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2026-1', ?, ?, ?, ?)`,
  );
  const insertStay = db.prepare('INSERT INTO stays (resident_id, arrived_at, planned_departure, departed_at, source) VALUES (?, ?, ?, ?, ?)');
  const day = 86_400_000;
  const thisYear = now.getUTCFullYear();
  const cards = new Set<string>();
  for (let i = 0; i < count; i++) {
    const p = demoPerson(random, i, now);
    if (!findProvince(p.province)) continue;
    let card = generateCardNumber((max) => Math.floor(random() * max));
    while (cards.has(card)) card = generateCardNumber((max) => Math.floor(random() * max));
    cards.add(card);
    const kindRoll = random();
    const lodgingKind = kindRoll < 0.55 ? 'hotel' : kindRoll < 0.9 ? 'rental' : 'own';
    const needs = needIds.filter(() => random() < 0.08);
    const interests = interestIds.filter(() => random() < 0.18);
    const party = random() < 0.15;
    // Past winters: 0–3 seasons, each from Oct–Dec to Feb–Apr.
    const seasons = Math.floor(random() * 4);
    const stays: Array<[string, string | null, string | null]> = [];
    for (let s = seasons; s >= 1; s--) {
      const arrive = Date.UTC(thisYear - s, 9 + Math.floor(random() * 3), 1 + Math.floor(random() * 28), 2);
      const leave = arrive + (90 + Math.floor(random() * 80)) * day;
      stays.push([new Date(arrive).toISOString(), new Date(leave).toISOString().slice(0, 10), new Date(leave).toISOString()]);
    }
    // This winter: most are in town; a few arrived today; some planned to leave already (overdue).
    const roll = random();
    if (roll < 0.65) {
      const daysAgo = roll < 0.04 ? 0 : 1 + Math.floor(random() * 50);
      let arrive = now.getTime() - daysAgo * day - Math.floor(random() * 6) * 3_600_000;
      // Overdue ones arrived weeks before the day they planned to leave; today's arrivals plan ahead.
      const overdue = roll >= 0.04 && roll < 0.1;
      const planned = overdue ? new Date(now.getTime() - (1 + Math.floor(random() * 5)) * day) : new Date(now.getTime() + (30 + Math.floor(random() * 120)) * day);
      if (overdue) arrive = Math.min(arrive, planned.getTime() - 20 * day);
      stays.push([new Date(Math.min(arrive, now.getTime())).toISOString(), planned.toISOString().slice(0, 10), null]);
    } else if (roll < 0.72) {
      const arrive = now.getTime() - (10 + Math.floor(random() * 30)) * day;
      const leave = roll < 0.68 ? now.getTime() - Math.floor(random() * 3) * 3_600_000 : now.getTime() - Math.floor(random() * 8) * day;
      stays.push([new Date(arrive).toISOString(), new Date(leave).toISOString().slice(0, 10), new Date(leave).toISOString()]);
    }
    const first = stays[0]?.[0] ?? now.toISOString();
    const last = stays.length ? (stays[stays.length - 1]![2] ?? stays[stays.length - 1]![0]) : now.toISOString();
    const info = insertResident.run(
      card,
      p.name,
      nameInitials(p.name),
      p.phone,
      [...p.phone].reverse().join(''),
      p.sex,
      p.birthYear,
      p.province,
      p.city,
      lodgingKind,
      lodgingKind === 'hotel' ? lodgingIds[Math.floor(random() * lodgingIds.length)] : null,
      lodgingKind === 'hotel' ? null : `炳草岗 演示小区 ${1 + Math.floor(random() * 12)} 栋 ${101 + Math.floor(random() * 20)} 室`,
      random() < 0.7 ? `${p.name[0]}${GIVEN[Math.floor(random() * GIVEN.length)]}` : null,
      random() < 0.7 ? `1390009${String(i % 10000).padStart(4, '0')}` : null,
      JSON.stringify(needs),
      party ? 1 : 0,
      party ? `${p.city}某某社区党支部（演示）` : null,
      JSON.stringify(interests),
      first,
      first,
      first,
      last,
    );
    const id = Number(info.lastInsertRowid);
    for (const [arrived, planned, departed] of stays) insertStay.run(id, arrived, planned, departed, 'kiosk');
  }
}

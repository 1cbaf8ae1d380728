import type { Db } from '../connection.js';
import type { ReportCell, ReportSeries, ReportTable } from '../api/contract/reportCharts.js';
import { dayBucketsJson, type ResolvedPeriod } from '../reports/period.js';
import type { ReportModule, SummaryFigure } from '../reports/registry.js';
import type { ListExport } from '../reports/lists.js';
import { L, col, table, type WorkbookSheet } from '../reports/workbook.js';
import { interestIds, needIds } from './schema.js';
import { POPULATION, populationTally, type PopulationTally } from './populationTally.js';
import { STAY_LENGTH_DAYS } from '../migrations/020_report_kept_figures.js';

/**
 * The residents' figures (issue 15): who is in town each day, where they come from, ages by sex,
 * how long they stay, where they live, what help they need. Counted over stays (which survive
 * anonymisation) and the resident's statistics fields, on the center's local days.
 *
 * The period's population (来访居民) is everyone with a stay that overlaps the period.
 */

export const AGE_BANDS = ['55岁以下', '55–59', '60–64', '65–69', '70–74', '75–79', '80岁以上'] as const;
export function ageBand(birthYear: number | null, ageYear: number): string {
  if (birthYear === null) return '未填';
  const age = ageYear - birthYear;
  if (age < 55) return AGE_BANDS[0];
  if (age >= 80) return AGE_BANDS[6];
  return AGE_BANDS[1 + Math.floor((age - 55) / 5)]!;
}

/** Closed stays by length in days: < 7, 7–27, 28–89, 90–179, ≥ 180. */
export const STAY_BUCKETS: Array<{ label: string; en: string; maxDays: number }> = [
  { label: '不到1周', en: '< 1 week', maxDays: 7 },
  { label: '1–4周', en: '1–4 weeks', maxDays: 28 },
  { label: '1–3个月', en: '1–3 months', maxDays: 90 },
  { label: '3–6个月', en: '3–6 months', maxDays: 180 },
  { label: '6个月以上', en: '> 6 months', maxDays: Infinity },
];

export const NEED_LABELS: Record<string, string> = {
  mobility: '行动不便',
  wheelchair: '使用轮椅',
  vision: '视力不好',
  hearing: '听力不好',
  chronic: '有慢性病',
  medication: '需要定期用药',
  diet: '饮食禁忌',
};
export const INTEREST_LABELS: Record<string, string> = {
  calligraphy: '书法',
  choir: '合唱',
  dance: '舞蹈',
  taichi: '太极',
  painting: '绘画',
  photography: '摄影',
  chess: '棋牌',
  travel: '旅游',
  health: '养生',
  volunteer: '志愿服务',
};
export const LODGING_KIND_LABELS: Record<string, string> = { hotel: '酒店/民宿', rental: '租房', own: '自有住房', other: '其他', '': '未填' };

function count(db: Db, sql: string, params: Record<string, unknown>): number {
  return (db.prepare(sql).get(params) as { n: number | null }).n ?? 0;
}

/** Per local day: in town (a stay overlapping the day), arrivals, departures. */
export function inTownSeries(db: Db, p: ResolvedPeriod): ReportTable {
  const days = dayBucketsJson(p);
  const perDay = (column: string) => {
    const rows = db
      .prepare(
        `WITH d(day, s, e) AS (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(:days))
         SELECT d.day AS day, (SELECT COUNT(*) FROM stays WHERE ${column} >= d.s AND ${column} < d.e) AS n FROM d`,
      )
      .all({ days }) as Array<{ day: string; n: number }>;
    return rows.map((r) => r.n);
  };
  const arrivals = perDay('arrived_at');
  const departures = perDay('departed_at');
  // In town on day i = arrived before the day ends − departed before the day begins.
  let arrivedBefore = count(db, 'SELECT COUNT(*) AS n FROM stays WHERE arrived_at < :start', { start: p.start });
  let departedBefore = count(db, 'SELECT COUNT(*) AS n FROM stays WHERE departed_at < :start', { start: p.start });
  const rows = p.days.map((day, i) => {
    arrivedBefore += arrivals[i]!;
    const inTown = arrivedBefore - departedBefore;
    departedBefore += departures[i]!;
    return { day, inTown, arrivals: arrivals[i]!, departures: departures[i]! };
  });
  return table([col('day', '日期', 'Day', 'text'), col('inTown', '在住人数', 'In town'), col('arrivals', '报到', 'Arrivals'), col('departures', '离开', 'Departures')], rows);
}

/** Provinces (top 10 + 其他) and, per province, its cities. */
function provinceSeries(t: PopulationTally): ReportSeries {
  const byProvince = t.origins;
  const totals = [...byProvince].map(([province, cities]) => ({ province, count: [...cities.values()].reduce((a, b) => a + b, 0) }));
  totals.sort((a, b) => b.count - a.count || a.province.localeCompare(b.province, 'zh-CN'));
  const top = totals.slice(0, 10);
  const rest = totals.slice(10).reduce((n, t) => n + t.count, 0);
  const tableRows: Array<Record<string, ReportCell>> = top.map((t) => ({ province: t.province, count: t.count }));
  if (rest) tableRows.push({ province: '其他', count: rest });
  const drill: Record<string, ReportTable> = {};
  for (const [province, cities] of byProvince) {
    const cityRows = [...cities].map(([city, n]) => ({ city, count: n })).sort((a, b) => b.count - a.count || a.city.localeCompare(b.city, 'zh-CN'));
    drill[province] = table([col('city', '城市', 'City', 'text'), col('count', '人数', 'Residents')], cityRows);
  }
  return {
    id: 'residents.province',
    title: L('来源地（省）', 'Home province'),
    note: L('本时段来访居民，按户籍省份；点击省份查看城市。', 'Residents of the period by home province; click one for its cities.'),
    chart: { kind: 'hbar', x: 'province', y: [{ key: 'count' }] },
    table: table([col('province', '省份', 'Province', 'text'), col('count', '人数', 'Residents')], tableRows),
    drill,
  };
}

function ageSeries(t: PopulationTally, p: ResolvedPeriod): ReportSeries {
  const bands = [...AGE_BANDS, '未填'];
  const cells = new Map(bands.map((b) => [b, { M: 0, F: 0, U: 0 }]));
  for (const [birthYear, n] of t.ageSex) {
    const c = cells.get(ageBand(birthYear, p.ageYear))!;
    c.M += n.M;
    c.F += n.F;
    c.U += n.U;
  }
  return {
    id: 'residents.age',
    title: L('年龄结构（性别）', 'Age by sex'),
    note: L(`按出生年份计算 ${p.ageYear} 年的年龄。`, `Age in ${p.ageYear} from the birth year.`),
    chart: { kind: 'pyramid', x: 'band', y: [{ key: 'male' }, { key: 'female' }] },
    table: table(
      [
        col('band', '年龄段', 'Age band', 'text'),
        col('male', '男', 'Men'),
        col('female', '女', 'Women'),
        col('unknown', '未填性别', 'Sex not given'),
        col('total', '合计', 'Total'),
      ],
      bands
        .map((band) => {
          const c = cells.get(band)!;
          return { band, male: c.M, female: c.F, unknown: c.U, total: c.M + c.F + c.U };
        })
        .filter((r) => r.band !== '未填' || r.total > 0),
    ),
  };
}

/** Closed stays that ended in the period, by length; plus the share of returning residents. */
function stayLengthSeries(db: Db, p: ResolvedPeriod, t: PopulationTally): ReportSeries {
  // Bucketed in SQL, each length read from the index stays_length (migration 20): one row back.
  const limits = STAY_BUCKETS.map((b) => b.maxDays);
  const sums = limits.map((max, i) => `SUM(${i ? `d >= ${limits[i - 1]} AND ` : ''}${Number.isFinite(max) ? `d < ${max}` : 'd IS NOT NULL'})`).join(', ');
  const counts = (
    db
      .prepare(`SELECT ${sums} FROM (SELECT ${STAY_LENGTH_DAYS} AS d FROM stays WHERE departed_at >= :start AND departed_at < :end)`)
      .raw()
      .get({ start: p.start, end: p.end }) as Array<number | null>
  ).map((n) => n ?? 0);
  const population = t.total;
  const returning = t.returning;
  return {
    id: 'residents.stayLength',
    title: L('居住时长（已离开的）', 'Length of stay (closed stays)'),
    note: L('本时段内离开的居民，这次住了多久；返程居民：本季之前的季节也来过。', 'Stays that ended in the period; returning: also came in an earlier season.'),
    chart: { kind: 'bar', x: 'bucket', y: [{ key: 'count' }] },
    table: table(
      [col('bucket', '时长', 'Length', 'text'), col('count', '人次', 'Stays')],
      STAY_BUCKETS.map((b, i) => ({ bucket: b.label, count: counts[i]! })),
    ),
    figures: [
      { key: 'population', label: L('来访居民', 'Residents'), kind: 'int', value: population },
      { key: 'returning', label: L('返程居民', 'Returning'), kind: 'int', value: returning },
      { key: 'returningShare', label: L('返程占比', 'Returning share'), kind: 'percent', value: population ? returning / population : null },
    ],
  };
}

function lodgingSeries(db: Db, t: PopulationTally): ReportSeries[] {
  const kinds = [...t.lodgingKinds].map(([k, n]) => ({ k, n })).sort((a, b) => b.n - a.n || a.k.localeCompare(b.k));
  const names = new Map((db.prepare('SELECT id, name FROM lodgings').all() as Array<{ id: number; name: string }>).map((l) => [l.id, l.name]));
  const top = [...t.lodgingIds]
    .map(([id, n]) => ({ k: names.get(id) ?? String(id), n }))
    .sort((a, b) => b.n - a.n || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .slice(0, 10);
  return [
    {
      id: 'residents.lodgingKind',
      title: L('住宿类型', 'Lodging type'),
      chart: { kind: 'pie', x: 'kind', y: [{ key: 'count' }] },
      table: table(
        [col('kind', '类型', 'Type', 'text'), col('count', '人数', 'Residents')],
        kinds.map((k) => ({ kind: LODGING_KIND_LABELS[k.k ?? ''] ?? k.k, count: k.n })),
      ),
    },
    {
      id: 'residents.topLodgings',
      title: L('入住最多的酒店/民宿', 'Top lodgings'),
      chart: { kind: 'hbar', x: 'lodging', y: [{ key: 'count' }] },
      table: table(
        [col('lodging', '酒店/民宿', 'Lodging', 'text'), col('count', '人数', 'Residents')],
        top.map((t) => ({ lodging: t.k, count: t.n })),
      ),
    },
  ];
}

function listSeries(byId: Map<string, number>, ids: readonly string[], labels: Record<string, string>): Array<Record<string, ReportCell>> {
  return ids.map((id) => ({ item: labels[id] ?? id, count: byId.get(id) ?? 0 })).sort((a, b) => b.count - a.count);
}

function needsSeries(t: PopulationTally): ReportSeries[] {
  const party = t.party;
  return [
    {
      id: 'residents.needs',
      title: L('健康与行动需要', 'Needs'),
      chart: { kind: 'hbar', x: 'item', y: [{ key: 'count' }] },
      table: table([col('item', '需要', 'Need', 'text'), col('count', '人数', 'Residents')], listSeries(t.needs, needIds, NEED_LABELS)),
      figures: [{ key: 'partyMembers', label: L('流动党员', 'Party members'), kind: 'int', value: party }],
    },
    {
      id: 'residents.interests',
      title: L('兴趣爱好', 'Interests'),
      chart: { kind: 'hbar', x: 'item', y: [{ key: 'count' }] },
      table: table([col('item', '兴趣', 'Interest', 'text'), col('count', '人数', 'Residents')], listSeries(t.interests, interestIds, INTEREST_LABELS)),
    },
  ];
}

/** Every residents series; `t` is the period's population tally (the monthly pack reads it too). */
export function residentsDashboard(db: Db, p: ResolvedPeriod, t: PopulationTally = populationTally(db, p)): ReportSeries[] {
  const inTown: ReportSeries = {
    id: 'residents.inTown',
    title: L('每日在住人数与来离', 'Residents in town per day'),
    note: L('在住：当天任一时刻在站（有未结束的入住）。', 'In town: a stay overlapping the day.'),
    chart: {
      kind: 'lineBars',
      x: 'day',
      y: [
        { key: 'inTown', as: 'line' },
        { key: 'arrivals', as: 'bar' },
        { key: 'departures', as: 'bar' },
      ],
    },
    table: inTownSeries(db, p),
  };
  return [inTown, provinceSeries(t), ageSeries(t, p), stayLengthSeries(db, p, t), ...lodgingSeries(db, t), ...needsSeries(t)];
}

function residentsSummary(db: Db, p: ResolvedPeriod): SummaryFigure[] {
  const params = { start: p.start, end: p.end };
  const arrivals = count(db, 'SELECT COUNT(*) AS n FROM stays WHERE arrived_at >= :start AND arrived_at < :end', params);
  const departures = count(db, 'SELECT COUNT(*) AS n FROM stays WHERE departed_at >= :start AND departed_at < :end', params);
  const population = count(db, `SELECT COUNT(DISTINCT resident_id) AS n FROM (${POPULATION})`, params);
  const newResidents = count(
    db,
    'SELECT COUNT(*) AS n FROM stays s WHERE s.arrived_at >= :start AND s.arrived_at < :end AND NOT EXISTS (SELECT 1 FROM stays o WHERE o.resident_id = s.resident_id AND o.arrived_at < s.arrived_at)',
    params,
  );
  const endInTown = count(db, 'SELECT COUNT(*) AS n FROM stays WHERE arrived_at < :end AND (departed_at IS NULL OR departed_at >= :end)', params);
  return [
    { key: 'population', label: L('来访居民（人）', 'Residents'), kind: 'int', value: population },
    { key: 'arrivals', label: L('报到（人次）', 'Arrivals'), kind: 'int', value: arrivals },
    { key: 'firstVisits', label: L('其中首次来站', 'First visits'), kind: 'int', value: newResidents },
    { key: 'departures', label: L('离开（人次）', 'Departures'), kind: 'int', value: departures },
    { key: 'endInTown', label: L('期末在住（人）', 'In town at the end'), kind: 'int', value: endInTown },
  ];
}

function tableSheet(name: string, t: ReportTable): WorkbookSheet {
  return { name, blocks: [{ table: t, totals: { label: '合计' } }] };
}

function residentsSheets(db: Db, p: ResolvedPeriod): WorkbookSheet[] {
  const tally = populationTally(db, p);
  const series = residentsDashboard(db, p, tally);
  const by = (id: string) => series.find((s) => s.id === id)!;
  const inTown = by('residents.inTown').table;
  const origins = tally.origins;
  const originRows = [...origins]
    .flatMap(([province, cities]) => {
      const provinceTotal = [...cities.values()].reduce((a, b) => a + b, 0);
      return [...cities].map(([city, count]) => ({ province, city, count, provinceTotal }));
    })
    .sort((a, b) => b.provinceTotal - a.provinceTotal || a.province.localeCompare(b.province, 'zh-CN') || b.count - a.count || a.city.localeCompare(b.city, 'zh-CN'));
  const lodging = by('residents.lodgingKind').table;
  const top = by('residents.topLodgings').table;
  return [
    {
      name: '来离明细',
      blocks: [
        {
          table: table(
            [col('day', '日期', 'Day', 'text'), col('arrivals', '报到人次', 'Arrivals'), col('departures', '离开人次', 'Departures'), col('inTown', '在住人数', 'In town')],
            inTown.rows,
          ),
          totals: { label: '合计', except: ['inTown'] },
        },
      ],
    },
    {
      name: '来源地',
      blocks: [
        {
          table: table(
            [
              col('province', '省份', 'Province', 'text'),
              col('city', '城市', 'City', 'text'),
              col('count', '人数', 'Residents'),
              col('provinceTotal', '全省合计', 'Province total'),
            ],
            originRows,
          ),
          totals: { label: '合计', except: ['provinceTotal'] },
        },
      ],
    },
    tableSheet('年龄结构', by('residents.age').table),
    {
      name: '住宿',
      blocks: [
        { heading: '住宿类型', table: lodging, totals: { label: '合计' } },
        { heading: '入住最多的酒店/民宿（前 10）', table: top },
      ],
    },
  ];
}

const NEED_EN: Record<string, string> = {
  mobility: 'Walks with difficulty',
  wheelchair: 'Uses a wheelchair',
  vision: 'Poor eyesight',
  hearing: 'Hard of hearing',
  chronic: 'Chronic illness',
  medication: 'Regular medication',
  diet: 'Dietary needs',
};
const INTEREST_EN: Record<string, string> = {
  calligraphy: 'Calligraphy',
  choir: 'Choir',
  dance: 'Dancing',
  taichi: 'Tai chi',
  painting: 'Painting',
  photography: 'Photography',
  chess: 'Chess and cards',
  travel: 'Travel',
  health: 'Health',
  volunteer: 'Volunteering',
};
const LODGING_KIND_EN: Record<string, string> = { hotel: 'Hotel / guesthouse', rental: 'Rented', own: 'Own home', other: 'Other', '': 'Not given' };
const byCode = (zh: Record<string, string>, en: Record<string, string>) => Object.fromEntries(Object.entries(zh).map(([k, v]) => [v, en[k] ?? v]));

/** English for every term the residents' figures write in Chinese (the screen's English mode). */
export const RESIDENT_TERMS_EN: Record<string, string> = {
  '55岁以下': 'Under 55',
  '80岁以上': '80 and over',
  未填: 'Not given',
  其他: 'Other',
  ...Object.fromEntries(STAY_BUCKETS.map((b) => [b.label, b.en])),
  ...byCode(NEED_LABELS, NEED_EN),
  ...byCode(INTEREST_LABELS, INTEREST_EN),
  ...byCode(LODGING_KIND_LABELS, LODGING_KIND_EN),
};

export const residentsReport: ReportModule = {
  id: 'residents',
  title: L('居民', 'Residents'),
  dashboard: (db, p) => residentsDashboard(db, p).map((s) => ({ ...s, terms: RESIDENT_TERMS_EN, ...(s.id === 'residents.topLodgings' ? { dataColumns: ['lodging'] } : {}) })),
  summary: residentsSummary,
  monthlySheets: residentsSheets,
  print: ['residents.inTown', 'residents.province', 'residents.age', 'residents.stayLength', 'residents.lodgingKind'],
  // Counted on the period's days alone (no "up to now"): valid until a resident, stay or lodging changes.
  cache: { tables: ['residents', 'stays', 'lodgings'] },
};

const STATUS_LABELS: Record<string, string> = { active: '在册', deceased: '已故', anonymised: '已匿名', merged: '已合并' };
const SOURCE_LABELS: Record<string, string> = { kiosk: '自助机', staff: '工作人员', retention: '到期清理', merge: '合并' };
const labelList = (json: string, labels: Record<string, string>) => (JSON.parse(json) as string[]).map((x) => labels[x] ?? x).join('、');

/** 居民名单: the 居民 page's people, filtered by in town, province, status and a period they visited in. */
export const residentsList: ListExport = {
  kind: 'residents',
  title: '居民名单',
  columns: [
    col('cardNo', '服务卡号', 'Card', 'text'),
    col('name', '姓名', 'Name', 'text'),
    col('sex', '性别', 'Sex', 'text'),
    col('birthYear', '出生年份', 'Birth year'),
    col('phone', '手机号', 'Phone', 'text'),
    col('idMasked', '身份证号（已遮蔽）', 'ID number (masked)', 'text'),
    col('province', '来源省份', 'Province', 'text'),
    col('city', '来源城市', 'City', 'text'),
    col('lodgingKind', '住宿类型', 'Lodging type', 'text'),
    col('lodging', '酒店/民宿', 'Lodging', 'text'),
    col('address', '住址', 'Address', 'text'),
    col('needs', '健康与行动需要', 'Needs', 'text'),
    col('interests', '兴趣爱好', 'Interests', 'text'),
    col('party', '流动党员', 'Party member', 'text'),
    col('status', '状态', 'Status', 'text'),
    col('inTown', '是否在住', 'In town', 'text'),
    col('createdAt', '首次登记', 'Registered', 'text'),
    col('lastSeenAt', '最近到访', 'Last seen', 'text'),
  ],
  *rows(ctx) {
    const where: string[] = ["r.status <> 'merged'"];
    const params: Record<string, unknown> = {};
    if (ctx.filters.status !== 'all') where.push("r.status = 'active'");
    if (ctx.filters.province) {
      where.push('r.origin_province = :province');
      params.province = ctx.filters.province;
    }
    const q = ctx.filters.q?.trim();
    if (q) {
      // As the 居民 search box reads it: a phone tail (digits), pinyin initials (letters), or a name.
      const digits = q.replace(/[\s-]/g, '');
      if (/^\d{2,11}$/.test(digits)) {
        where.push('r.phone_rev >= :rev AND r.phone_rev < :revEnd');
        params.rev = [...digits].reverse().join('');
        params.revEnd = `${params.rev}\uffff`;
      } else if (/^[a-zA-Z]{1,10}$/.test(q)) {
        where.push('r.name_initials >= :ini AND r.name_initials < :iniEnd');
        params.ini = q.toLowerCase();
        params.iniEnd = `${q.toLowerCase()}\uffff`;
      } else {
        where.push("r.name LIKE :name ESCAPE '\\'");
        params.name = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      }
    }
    if (ctx.filters.inTown) where.push('EXISTS (SELECT 1 FROM stays s WHERE s.resident_id = r.id AND s.departed_at IS NULL)');
    if (ctx.period) {
      where.push('r.id IN (' + POPULATION + ')');
      params.start = ctx.period.start;
      params.end = ctx.period.end;
    }
    const stmt = ctx.db.prepare(
      `SELECT r.*, l.name AS lodging_name, EXISTS (SELECT 1 FROM stays s WHERE s.resident_id = r.id AND s.departed_at IS NULL) AS in_town
       FROM residents r LEFT JOIN lodgings l ON l.id = r.lodging_id WHERE ${where.join(' AND ')} ORDER BY r.id`,
    );
    for (const r of stmt.iterate(params) as Iterable<Record<string, string | number | null>>) {
      yield {
        cardNo: r.card_no,
        name: r.name ?? '（已匿名）',
        sex: r.sex === 'M' ? '男' : r.sex === 'F' ? '女' : '',
        birthYear: r.birth_year,
        phone: ctx.phone(r.phone as string | null),
        idMasked: r.id_masked ?? '',
        province: r.origin_province ?? '',
        city: r.origin_city ?? '',
        lodgingKind: r.lodging_kind ? (LODGING_KIND_LABELS[r.lodging_kind as string] ?? '') : '',
        lodging: r.lodging_name ?? '',
        address: r.lodging_address ?? '',
        needs: labelList(r.needs as string, NEED_LABELS),
        interests: labelList(r.interests as string, INTEREST_LABELS),
        party: r.party_member ? '是' : '',
        status: STATUS_LABELS[r.status as string] ?? r.status,
        inTown: r.in_town ? '在住' : '',
        createdAt: ctx.time(r.created_at as string),
        lastSeenAt: ctx.time(r.last_seen_at as string),
      };
    }
  },
};

/** 来离记录: every stay overlapping the period (or all), with the resident's card and name. */
export const staysList: ListExport = {
  kind: 'stays',
  title: '来离记录',
  columns: [
    col('cardNo', '服务卡号', 'Card', 'text'),
    col('name', '姓名', 'Name', 'text'),
    col('phone', '手机号', 'Phone', 'text'),
    col('province', '来源省份', 'Province', 'text'),
    col('arrivedAt', '报到时间', 'Arrived', 'text'),
    col('plannedDeparture', '计划离开', 'Planned departure', 'text'),
    col('departedAt', '离开时间', 'Departed', 'text'),
    col('days', '住了几天', 'Days', 'days'),
    col('source', '登记方式', 'Recorded by', 'text'),
  ],
  *rows(ctx) {
    const p = ctx.period;
    const stmt = ctx.db.prepare(
      `SELECT s.*, r.card_no, r.name, r.phone, r.origin_province FROM stays s JOIN residents r ON r.id = s.resident_id
       ${p ? 'WHERE s.arrived_at < :end AND (s.departed_at IS NULL OR s.departed_at >= :start)' : ''} ORDER BY s.arrived_at, s.id`,
    );
    const limit = ctx.now.toISOString();
    for (const s of stmt.iterate(p ? { start: p.start, end: p.end } : {}) as Iterable<Record<string, string | number | null>>) {
      const until = (s.departed_at as string | null) ?? limit;
      yield {
        cardNo: s.card_no,
        name: s.name ?? '（已匿名）',
        phone: ctx.phone(s.phone as string | null),
        province: s.origin_province ?? '',
        arrivedAt: ctx.time(s.arrived_at as string),
        plannedDeparture: s.planned_departure ?? '',
        departedAt: ctx.time(s.departed_at as string | null),
        days: Math.round(((Date.parse(until) - Date.parse(s.arrived_at as string)) / 86_400_000) * 10) / 10,
        source: SOURCE_LABELS[s.source as string] ?? s.source,
      };
    }
  },
};

import type { CityFigures, Count } from '../../../db/city/figures.js';
import type { Label, ReportSeries } from '../../../db/api/contract/reportCharts.js';
import { provinceLabel } from '../../../db/residents/regionsEn.js';

/**
 * The city's figures in the center dashboard's figure shape, so /city draws them with the same chart
 * and table components. A masked count ("<5") stays text in the table and is left out of the chart.
 */
function countSeries(id: string, title: Label, label: Label, count: Label, all: Array<{ label: string; count: Count }>, hbar: boolean, forChart: boolean): ReportSeries {
  // A bar for "<5" would read as 0: the chart leaves masked rows out and says so; the table lists them.
  const rows = forChart ? all.filter((r) => r.count !== '<5') : all;
  const hidden = all.length - rows.length;
  return {
    id,
    title,
    ...(hidden ? { note: { zh: `另有 ${hidden} 项少于 5 人，只在表格中列出（显示为 <5）。`, en: `${hidden} more below 5 people are listed in the table only (as <5).` } } : {}),
    chart: { kind: hbar ? 'hbar' : 'bar', x: 'label', y: [{ key: 'count' }] },
    table: {
      columns: [
        { key: 'label', label, kind: 'text' },
        { key: 'count', label: count, kind: 'int' },
      ],
      rows: rows.map((r) => ({ label: r.label, count: r.count })),
    },
  };
}

/** A masked cell stays "<5" in the table; the chart draws it as nothing (left out of the bars). */
const forBars = (v: Count | number | null, forChart: boolean) => (forChart && v === '<5' ? null : v);

/** 接诉即办, activities and counter ratings of the month, city-wide, as the center dashboard draws them. */
export function cityDomainSeries(f: CityFigures, locale: string, forChart: boolean): ReportSeries[] {
  const d = f.domains;
  const lang = locale === 'en' ? 'en' : 'zh';
  const masked = { zh: '少于 5 的数字在表格中显示为 <5，图中不画。', en: 'Figures below 5 show as <5 in the table and are not drawn.' };
  const int = (key: string, zh: string, en: string) => ({ key, label: { zh, en }, kind: 'int' as const });
  const pct = (key: string, zh: string, en: string) => ({ key, label: { zh, en }, kind: 'percent' as const });
  return [
    {
      id: 'city-requests-category',
      title: { zh: `诉求受理（按类别和分级，${d.month}）`, en: `Requests by category and level (${d.month})` },
      note: masked,
      chart: { kind: 'stackedBar', x: 'category', y: [{ key: 'green' }, { key: 'yellow' }, { key: 'red' }, { key: 'none' }] },
      table: {
        columns: [
          { key: 'category', label: { zh: '类别', en: 'Category' }, kind: 'text' },
          int('requests', '受理', 'Submitted'),
          int('green', '绿', 'Green'),
          int('yellow', '黄', 'Yellow'),
          int('red', '红', 'Red'),
          int('none', '未分级', 'Not triaged'),
        ],
        rows: d.requestsByCategory.map((r) => ({
          category: r.category,
          requests: r.requests,
          green: forBars(r.green, forChart),
          yellow: forBars(r.yellow, forChart),
          red: forBars(r.red, forChart),
          none: forBars(r.none, forChart),
        })),
      },
    },
    {
      id: 'city-requests-timeliness',
      title: { zh: `按时办结与办结用时（${d.month}）`, en: `On time and time to close (${d.month})` },
      note: {
        zh: '按时办结率 = 期限内记录结果 ÷ 记录结果；办结用时 = 结案 − 受理，小时，中位数。基数少于 5 时不显示。',
        en: 'On-time rate = results within the deadline ÷ results; time to close = closed − submitted, median hours. Not shown when resting on fewer than 5.',
      },
      chart: { kind: 'bar', x: 'category', y: [{ key: 'results' }, { key: 'onTime' }] },
      table: {
        columns: [
          { key: 'category', label: { zh: '类别', en: 'Category' }, kind: 'text' },
          int('results', '记录结果', 'Results'),
          int('onTime', '按时', 'On time'),
          pct('onTimeRate', '按时办结率', 'On-time rate'),
          { key: 'closeHoursP50', label: { zh: '办结用时中位数（小时）', en: 'Median hours to close' }, kind: 'days' },
          int('ratings', '评价数', 'Ratings'),
          pct('satisfactionRate', '满意率', 'Satisfied'),
        ],
        rows: d.requestsByCategory.map((r) => ({
          category: r.category,
          results: forBars(r.results, forChart),
          onTime: forBars(r.onTime, forChart),
          onTimeRate: r.onTimeRate,
          closeHoursP50: r.closeHoursP50,
          ratings: r.ratings,
          satisfactionRate: r.satisfactionRate,
        })),
      },
    },
    {
      id: 'city-requests-ratings',
      title: { zh: `居民评价（好差评五级，${d.month}）`, en: `Residents’ ratings (${d.month})` },
      note: masked,
      chart: { kind: 'bar', x: 'rating', y: [{ key: 'ratings' }] },
      table: {
        columns: [{ key: 'rating', label: { zh: '评价', en: 'Rating' }, kind: 'text' }, int('ratings', '件数', 'Count')],
        rows: d.requestRatings.map((r) => ({ rating: r.label[lang], ratings: forBars(r.ratings, forChart) })),
      },
    },
    {
      id: 'city-activities-type',
      title: { zh: `各类活动：场次、报名与到场（${d.month}）`, en: `Activities by type (${d.month})` },
      note: {
        zh: '只计本月已结束、未取消的活动。到场率 = 签到的参加者 ÷ 有名额的人。' + masked.zh,
        en: 'Only activities of the month that are over and not cancelled. Attendance rate = participants checked in ÷ people with a place. ' + masked.en,
      },
      chart: { kind: 'bar', x: 'type', y: [{ key: 'confirmed' }, { key: 'attended' }, { key: 'noShows' }] },
      table: {
        columns: [
          { key: 'type', label: { zh: '类别', en: 'Type' }, kind: 'text' },
          int('activities', '场次', 'Held'),
          int('signups', '报名（含候补）', 'Sign-ups (incl. waitlist)'),
          int('confirmed', '有名额', 'With a place'),
          int('attended', '到场', 'Attended'),
          int('noShows', '未到', 'No-shows'),
          int('volunteers', '志愿者', 'Volunteers'),
          pct('attendanceRate', '到场率', 'Attendance rate'),
        ],
        rows: d.activitiesByType.map((r) => ({
          type: r.label[lang],
          activities: r.activities,
          signups: r.signups,
          confirmed: forBars(r.confirmed, forChart),
          attended: forBars(r.attended, forChart),
          noShows: forBars(r.noShows, forChart),
          volunteers: r.volunteers,
          attendanceRate: r.attendanceRate,
        })),
      },
    },
    {
      id: 'city-counter-ratings',
      title: { zh: `窗口好差评（${d.month}）`, en: `Counter ratings (${d.month})` },
      note: { zh: '满意率 = 基本满意及以上 ÷ 评价数；基数少于 5 时不显示。', en: 'Satisfied = fairly satisfied or better ÷ ratings; not shown when resting on fewer than 5.' },
      chart: { kind: 'hbar', x: 'service', y: [{ key: 'satisfactionRate' }] },
      table: {
        columns: [{ key: 'service', label: { zh: '服务', en: 'Service' }, kind: 'text' }, int('ratings', '评价数', 'Ratings'), pct('satisfactionRate', '满意率', 'Satisfied')],
        rows: d.counterRatings.map((r) => ({ service: r.service, ratings: r.ratings, satisfactionRate: r.satisfactionRate })),
      },
    },
  ];
}

export function citySeries(f: CityFigures, locale: string, forChart: boolean): ReportSeries[] {
  const people = { zh: '人数', en: 'People' };
  return [
    countSeries(
      'city-provinces',
      { zh: '来源地', en: 'Home provinces' },
      { zh: '省份', en: 'Province' },
      people,
      f.provinces.map((p) => ({ label: provinceLabel(p.province, locale), count: p.residents })),
      true,
      forChart,
    ),
    countSeries(
      'city-ages',
      { zh: '年龄结构', en: 'Age groups' },
      { zh: '年龄段', en: 'Age' },
      people,
      f.ageBands.map((a) => ({ label: a.band, count: a.residents })),
      false,
      forChart,
    ),
    countSeries(
      'city-stays',
      { zh: '居住时长（已离开的）', en: 'Length of stay (departed)' },
      { zh: '时长', en: 'Length' },
      { zh: '次数', en: 'Stays' },
      f.stayLengths.map((s) => ({ label: s.bucket, count: s.stays })),
      false,
      forChart,
    ),
  ];
}

import { describe, expect, it } from 'vitest';
import type { CityFigures } from '../../../db/city/figures.js';
import type { DomainTotals } from '../../../db/city/domainFigures.js';
import { isEmptySeries } from '../../../db/api/contract/reportCharts.js';
import { cityDomainSeries } from '../../../renderer/screens/city/citySeries.js';

/** /city's requests and activities in the dashboard's figure shape: "<5" stays in tables, never drawn as a bar. */
const totals: DomainTotals = {
  requests: 12,
  requesters: 9,
  results: 6,
  onTimeRate: 0.5,
  closeHoursP50: 20.5,
  ratings: '<5',
  satisfactionRate: null,
  activities: 2,
  signups: 14,
  attended: 8,
  attendanceRate: 0.8,
  participants: 7,
  counterRatings: 0,
  counterSatisfactionRate: null,
};
const figures = {
  domains: {
    month: '2026-11',
    centers: [{ centerId: 1, ...totals }],
    total: totals,
    requestsByCategory: [
      {
        category: '用餐',
        requests: 8,
        green: 6,
        yellow: '<5',
        red: 0,
        none: '<5',
        results: 6,
        onTime: '<5',
        onTimeRate: 0.5,
        closeHoursP50: 20.5,
        ratings: '<5',
        satisfactionRate: null,
      },
      {
        category: '其他',
        requests: '<5',
        green: '<5',
        yellow: 0,
        red: 0,
        none: 0,
        results: 0,
        onTime: 0,
        onTimeRate: null,
        closeHoursP50: null,
        ratings: 0,
        satisfactionRate: null,
      },
    ],
    requestRatings: [{ rating: 5, label: { zh: '非常满意', en: 'Very satisfied' }, ratings: '<5' }],
    activitiesByType: [
      { type: 'course', label: { zh: '公益课程', en: 'Free course' }, activities: 2, signups: 14, confirmed: 10, attended: 8, noShows: '<5', volunteers: 0, attendanceRate: 0.8 },
    ],
    counterRatings: [],
  },
} as unknown as CityFigures;

describe('cityDomainSeries', () => {
  it('keeps "<5" in the tables and leaves it out of the bars', () => {
    const table = cityDomainSeries(figures, 'zh', false);
    const chart = cityDomainSeries(figures, 'zh', true);
    const byCat = (s: typeof table) => s.find((x) => x.id === 'city-requests-category')!.table.rows;
    expect(byCat(table)[0]).toMatchObject({ category: '用餐', green: 6, yellow: '<5', none: '<5' });
    expect(byCat(chart)[0]).toMatchObject({ category: '用餐', green: 6, yellow: null, none: null });
    const acts = chart.find((x) => x.id === 'city-activities-type')!.table.rows[0]!;
    expect(acts).toMatchObject({ type: '公益课程', confirmed: 10, attended: 8, noShows: null });
    // Every rating masked: nothing to draw, so /city shows that figure's table instead.
    expect(isEmptySeries(chart.find((x) => x.id === 'city-requests-ratings')!)).toBe(true);
    expect(table.find((x) => x.id === 'city-requests-ratings')!.table.rows).toEqual([{ rating: '非常满意', ratings: '<5' }]);
    expect(cityDomainSeries(figures, 'en', false).find((x) => x.id === 'city-activities-type')!.table.rows[0]!.type).toBe('Free course');
  });
});

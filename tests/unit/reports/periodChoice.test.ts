import { describe, expect, it } from 'vitest';
import { tempDb } from '../../helpers/tempDb.js';
import { resolvePeriod } from '../../../db/reports/period.js';
import { ApiError } from '../../../db/errors/index.js';
import { choiceOf, partsOf, periodProblem, type PeriodParts } from '../../../renderer/screens/staff/reports/periodChoice.js';
import { rng } from './fixture.js';

/**
 * The period picker (dashboard and 自定义统计) against the host's period model: whatever the
 * picker lets through, the host accepts with exactly the days picked; whatever the host refuses,
 * the picker holds back with a reason.
 */
describe('period picker range', () => {
  it('a fixed month and a custom range give the host exactly those days, and the picker refuses what the host refuses', () => {
    const { db } = tempDb();
    const now = new Date('2026-06-10T04:00:00Z');
    const r = rng(5);
    const day = () => new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 1000) * 86_400_000).toISOString().slice(0, 10);
    const keep: PeriodParts = { kind: 'season', month: '', from: '', to: '' };
    for (let i = 0; i < 400; i++) {
      const parts: PeriodParts =
        r() < 0.3
          ? { ...keep, kind: 'monthOf', month: r() < 0.85 ? day().slice(0, 7) : pickBad(r) }
          : { ...keep, kind: 'custom', from: r() < 0.9 ? day() : pickBad(r), to: r() < 0.5 ? day() : '' };
      const choice = choiceOf(parts);
      let host: ReturnType<typeof resolvePeriod> | null = null;
      try {
        host = choice ? resolvePeriod(db, choice, now) : null;
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
      if (choice) {
        expect(host, JSON.stringify(parts)).not.toBeNull();
        if (parts.kind === 'custom') expect([host!.from, host!.to]).toEqual([parts.from, parts.to]);
        else {
          expect(host!.from).toBe(`${parts.month}-01`);
          expect(host!.to.slice(0, 7)).toBe(parts.month);
          expect(host!.days.length).toBe(new Date(Date.UTC(Number(parts.month.slice(0, 4)), Number(parts.month.slice(5)), 0)).getUTCDate());
        }
      } else {
        expect(periodProblem(parts)).not.toBeNull();
        // Had it been sent anyway, the host would refuse it too (or it is not even a date).
        if (parts.kind === 'custom' && /^\d{4}-\d{2}-\d{2}$/.test(parts.from) && /^\d{4}-\d{2}-\d{2}$/.test(parts.to)) {
          expect(() => resolvePeriod(db, { kind: 'custom', from: parts.from, to: parts.to }, now)).toThrow(ApiError);
        }
      }
    }
    // The edges: 400 days is allowed, 401 is not; a range of one day is.
    expect(choiceOf({ ...keep, kind: 'custom', from: '2025-01-01', to: '2026-02-05' })).not.toBeNull();
    expect(periodProblem({ ...keep, kind: 'custom', from: '2025-01-01', to: '2026-02-06' })).toBe('tooLong');
    expect(() => resolvePeriod(db, { kind: 'custom', from: '2025-01-01', to: '2026-02-06' }, now)).toThrow(ApiError);
    expect(choiceOf({ ...keep, kind: 'custom', from: '2026-02-29', to: '2026-03-01' })).toBeNull();
    expect(periodProblem({ ...keep, kind: 'custom', from: '2026-03-02', to: '2026-03-01' })).toBe('pickBoth');
    expect(periodProblem({ ...keep, kind: 'monthOf', month: '2026-13' })).toBe('pickMonth');
    // A template's period fills the fields and keeps the others as typed.
    expect(partsOf({ kind: 'monthOf', month: '2026-01' }, { ...keep, from: '2025-12-01' })).toEqual({ kind: 'monthOf', month: '2026-01', from: '2025-12-01', to: '' });
    expect(choiceOf(partsOf({ kind: 'lastMonth' }, keep))).toEqual({ kind: 'lastMonth' });
  });
});

function pickBad(r: () => number): string {
  return ['', '2026-02-30', '2026-00', '2026-13-01', '20260101', 'abc'][Math.floor(r() * 6)]!;
}

import { describe, expect, it } from 'vitest';
import { localClock } from '../../../db/localTime.js';
import { wallClockFormatter } from '../../../db/reports/lists.js';
import { rng } from './fixture.js';

describe('list exports: center wall-clock times', () => {
  it('formats like localClock for every instant, including the days clocks change', () => {
    for (const zone of ['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
      const fmt = wallClockFormatter(zone);
      const r = rng(3);
      const instants = [
        ...Array.from({ length: 3000 }, () => Date.UTC(2025, 0, 1) + Math.floor(r() * 730 * 86_400_000)),
        // Around New York's 2025 changes, minute by minute.
        ...Array.from({ length: 240 }, (_, i) => Date.parse('2025-03-09T05:00:00Z') + i * 60_000),
        ...Array.from({ length: 240 }, (_, i) => Date.parse('2025-11-02T04:00:00Z') + i * 60_000),
      ];
      for (const ms of instants) {
        const c = localClock(new Date(ms), zone);
        expect(fmt(new Date(ms).toISOString())).toBe(`${c.day} ${c.time}`);
      }
    }
    expect(wallClockFormatter('Asia/Shanghai')(null)).toBe('');
  });
});

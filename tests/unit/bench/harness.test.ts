import { describe, expect, it } from 'vitest';
import { formatTable, measure, withRatios } from '../../bench/harness.js';

describe('bench harness', () => {
  it('reports percentiles of the samples and the ratio to the baseline of the same run', async () => {
    let calls = 0;
    const row = await measure('x', 100, () => calls++, { warmup: 5, baseline: 'sqlite.lookup' });
    expect(calls).toBe(105);
    expect(row.p50_ms).toBeLessThanOrEqual(row.p95_ms);
    expect(row.p95_ms).toBeLessThanOrEqual(row.p99_ms);
    const rows = withRatios([
      { id: 'sqlite.lookup', n: 1, p50_ms: 0.01, p95_ms: 0.02, p99_ms: 0.03, baseline_id: null },
      { id: 'residents.search', n: 1, p50_ms: 0.5, p95_ms: 1, p99_ms: 2, baseline_id: 'sqlite.lookup' },
    ]);
    expect(rows.map((r) => r.ratio)).toEqual([null, 50]);
    expect(formatTable(rows)).toContain('residents.search');
  });
});

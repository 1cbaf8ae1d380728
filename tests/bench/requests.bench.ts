import { inbox, submitRequest } from '../../db/requests/requests.js';
import type { BenchSuite, Measured } from './harness.js';
import { measure } from './harness.js';
import { BASELINE_INSERT, BASELINE_LOOKUP } from './sqlite.bench.js';

const PRIOR = 20_000;

/**
 * requests.submit: one 我要反映 at the domain layer (category check, day-number bump, request row and
 * its submitted event in one transaction) with 20,000 requests already in the table.
 * requests.inbox: the staff inbox's default view (open cases, new first, counts, 100 rows with their
 * deadline colours) over 20,000 requests of a season — most closed, ~1,500 open; and the 全部 view.
 */
export const requestsBench: BenchSuite = {
  name: 'requests',
  async run({ freshDb, log }) {
    const rows: Measured[] = [];
    const db = freshDb('requests.db');
    const start = Date.parse('2025-10-01T00:00:00.000Z');
    const fill = db.prepare(
      `INSERT INTO requests (number, token, category_id, description, level, state, source, submitted_at, clock_start, due_hours, deadline_at, result_at, closed_at, updated_at)
       VALUES (@number, @token, @category, '楼道有垃圾，请尽快清运。', @level, @state, 'kiosk', @at, @at, 48, @deadline, @result, @closed, @at)`,
    );
    const event = db.prepare("INSERT INTO request_events (request_id, at, kind, state, category_id, level) VALUES (?, ?, 'submitted', 'new', ?, ?)");
    const levels = ['green', 'yellow', 'red', null] as const;
    const openStates = ['new', 'triaged', 'assigned', 'paused_resident', 'revisit'] as const;
    db.transaction(() => {
      for (let i = 0; i < PRIOR; i++) {
        const atMs = start + i * 30 * 60_000;
        const at = new Date(atMs).toISOString();
        const open = i >= PRIOR - 1500;
        const state = open ? openStates[i % openStates.length]! : 'closed';
        const id = fill.run({
          number: `J-2025${String(i).padStart(8, '0')}`,
          token: `bench-token-${i}-padding-padding`,
          category: (i % 8) + 1,
          level: state === 'new' ? null : levels[i % 3]!,
          state,
          at,
          deadline: new Date(atMs + 48 * 3_600_000).toISOString(),
          result: open ? null : new Date(atMs + 20 * 3_600_000).toISOString(),
          closed: open ? null : new Date(atMs + 30 * 3_600_000).toISOString(),
        }).lastInsertRowid;
        event.run(id, at, (i % 8) + 1, null);
      }
    })();
    log(`requests: ${PRIOR} earlier requests (1,500 open) in the table`);
    const now = new Date(start + PRIOR * 30 * 60_000);
    rows.push(
      await measure('requests.submit', 2000, (i) => submitRequest(db, { residentId: null, categoryId: (i % 8) + 1, description: `第 ${i} 件：楼道灯不亮`, source: 'kiosk' }, now), {
        warmup: 100,
        baseline: BASELINE_INSERT,
      }),
    );
    rows.push({ ...(await measure('requests.inbox', 300, () => inbox(db, {}, now), { warmup: 20, baseline: BASELINE_LOOKUP })), note: `${PRIOR + 2100} requests, open view` });
    rows.push({
      ...(await measure('requests.inbox.all', 200, () => inbox(db, { state: 'all' }, now), { warmup: 20, baseline: BASELINE_LOOKUP })),
      note: `${PRIOR + 2100} requests, 全部 view`,
    });
    return rows;
  },
};

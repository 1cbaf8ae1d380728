import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { ledgerCheck, residentBalance } from '../../../db/volunteering/ledger.js';
import { ok } from '../../helpers/tempDb.js';
import { T0, timeBank, volunteerWithHours } from './fixtures.js';

const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(new URL('./redeemWorker.ts', import.meta.url).href)}); });`;

interface Outcome {
  round: number;
  ok: boolean;
  code: string | null;
}

/** Two desks (threads, connections) redeeming round after round at the same instant; the outcomes by round. */
async function twoDesks(file: string, dir: string, desks: Array<{ residentId: number; itemIds: number[] }>, rounds: number): Promise<Map<number, Outcome[]>> {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const outcomes = new Map<number, Outcome[]>();
  const waiting = new Map<number, () => void>();
  const start = (d: { residentId: number; itemIds: number[] }) =>
    new Promise<Worker>((resolve, reject) => {
      const w = new Worker(boot, { eval: true, workerData: { file, dir, ...d, rounds, go: signal.buffer, now: T0.toISOString() } });
      w.on('error', reject);
      w.on('message', (m: Outcome & { ready?: boolean }) => {
        if (m.ready) return resolve(w);
        const list = outcomes.get(m.round) ?? [];
        list.push(m);
        outcomes.set(m.round, list);
        if (list.length === desks.length) waiting.get(m.round)?.();
      });
    });
  const workers = await Promise.all(desks.map(start));
  try {
    for (let round = 1; round <= rounds; round++) {
      const all = new Promise<void>((resolve) => waiting.set(round, resolve));
      Atomics.store(signal, 0, round);
      Atomics.notify(signal, 0);
      await all;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outcomes;
}

describe('two desks at the same moment (two threads, two connections)', () => {
  it('the last item on the shelf goes once: the other desk is told 库存不足, never a negative stock', async () => {
    const rounds = 25;
    const tb = await timeBank();
    // 100 points each: enough for every round even if one desk wins them all (25 × 4).
    const a = await volunteerWithHours(tb, 60 * 10, { name: '张建华' });
    const b = await volunteerWithHours(tb, 60 * 10, { name: '王秀英', sex: 'F' });
    const items: number[] = [];
    for (let i = 1; i <= rounds; i++) items.push((await ok(tb.api, 'volunteering.saveItem', { name: `毛巾 ${i} 号`, kind: 'goods', pricePoints: 4, stock: 1 }, tb.admin)).id);
    const outcomes = await twoDesks(
      tb.file,
      tb.dir,
      [
        { residentId: a.id, itemIds: items },
        { residentId: b.id, itemIds: items },
      ],
      rounds,
    );
    for (let round = 1; round <= rounds; round++) {
      const pair = outcomes.get(round)!;
      expect(
        pair.filter((o) => o.ok),
        `round ${round}`,
      ).toHaveLength(1);
      expect(pair.find((o) => !o.ok)?.code, `round ${round}`).toBe('VOL_STOCK_SHORT');
    }
    expect(tb.db.prepare('SELECT COUNT(*) AS n FROM vol_items WHERE stock <> 0').get()).toEqual({ n: 0 });
    expect(residentBalance(tb.db, a.id) + residentBalance(tb.db, b.id)).toBe(2 * 100 - rounds * 4);
    expect(ledgerCheck(tb.db)).toMatchObject({ unbalanced: [], total: 0, unposted: 0 });
  });

  it('the last points go once: the same person at two desks never overspends', async () => {
    const rounds = 20;
    const tb = await timeBank();
    const r = await volunteerWithHours(tb, 60 * 3); // 30 points: three meals of 10
    const meal = await ok(tb.api, 'volunteering.saveItem', { name: '爱心午餐', kind: 'meal', pricePoints: 10 }, tb.admin);
    const outcomes = await twoDesks(
      tb.file,
      tb.dir,
      [
        { residentId: r.id, itemIds: [meal.id] },
        { residentId: r.id, itemIds: [meal.id] },
      ],
      rounds,
    );
    const all = [...outcomes.values()].flat();
    expect(all.filter((o) => o.ok)).toHaveLength(3);
    expect(new Set(all.filter((o) => !o.ok).map((o) => o.code))).toEqual(new Set(['VOL_BALANCE_SHORT']));
    expect(residentBalance(tb.db, r.id)).toBe(0);
    expect(ledgerCheck(tb.db)).toMatchObject({ unbalanced: [], total: 0, unposted: 0 });
  });
});

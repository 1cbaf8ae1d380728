import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { addResident, loanDesk, T0 } from './fixtures.js';

// The worker runs the app's TypeScript through tsx, registered inside the thread.
const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(new URL('./lendWorker.ts', import.meta.url).href)}); });`;

interface Outcome {
  round: number;
  ok: boolean;
  code: string | null;
  message: string | null;
}

/**
 * Two desks in two threads, each with its own connection to the same database file, lend the same
 * unit at the same instant, round after round. Whatever the interleaving, exactly one wins and the
 * other is told 已经借出 (not a busy or constraint error), and the unit has one loan.
 */
describe('two desks at the same moment (two threads, two connections)', () => {
  it('one wins, the other gets LOAN_UNIT_OUT, never a duplicate loan', async () => {
    const rounds = 40;
    const { db, file, dir, resident } = await loanDesk({ units: rounds });
    const other = addResident(db, '王秀英');
    const go = new SharedArrayBuffer(4);
    const signal = new Int32Array(go);
    const outcomes = new Map<number, Outcome[]>();
    const waiting = new Map<number, () => void>();
    const start = (residentId: number) =>
      new Promise<Worker>((resolve, reject) => {
        const w = new Worker(boot, { eval: true, workerData: { file, dir, residentId, rounds, go, now: T0.toISOString() } });
        w.on('error', reject);
        w.on('message', (m: Outcome & { ready?: boolean }) => {
          if (m.ready) return resolve(w);
          const list = outcomes.get(m.round) ?? [];
          list.push(m);
          outcomes.set(m.round, list);
          if (list.length === 2) waiting.get(m.round)?.();
        });
      });
    const desks = await Promise.all([start(resident.id), start(other.id)]);
    try {
      for (let round = 1; round <= rounds; round++) {
        const both = new Promise<void>((resolve) => waiting.set(round, resolve));
        Atomics.store(signal, 0, round);
        Atomics.notify(signal, 0);
        await both;
      }
    } finally {
      await Promise.all(desks.map((w) => w.terminate()));
    }
    for (let round = 1; round <= rounds; round++) {
      const pair = outcomes.get(round)!;
      expect(
        pair.filter((o) => o.ok),
        `round ${round}`,
      ).toHaveLength(1);
      expect(
        pair.find((o) => !o.ok),
        `round ${round}`,
      ).toMatchObject({ code: 'LOAN_UNIT_OUT', message: `LY-${String(round).padStart(4, '0')} 已经借出，不能重复借出。请先办理归还。` });
    }
    const perUnit = db.prepare('SELECT unit_id AS unitId, COUNT(*) AS n FROM loans GROUP BY unit_id').all() as Array<{ unitId: number; n: number }>;
    expect(perUnit).toHaveLength(rounds);
    expect(perUnit.every((u) => u.n === 1)).toBe(true);
    expect((db.prepare("SELECT COUNT(*) AS n FROM loan_units WHERE status = 'out'").get() as { n: number }).n).toBe(rounds);
  }, 60_000);
});

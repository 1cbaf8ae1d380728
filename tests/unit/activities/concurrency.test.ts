import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { tempDb } from '../../helpers/tempDb.js';
import { addResident } from './helpers.js';
import { saveActivity } from '../../../db/activities/activities.js';

// Workers run TypeScript through tsx's loader, registered inside each worker.
const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(new URL('./signupWorker.ts', import.meta.url).href)}); });`;
const WORKERS = 10;
const PEOPLE = 50;
const PLACES = 20;
const ROUNDS = 5;

/**
 * Issue 18's race: 50 people for 20 places, signed up at the same moment from 10 separate
 * connections (worker threads, each opening the same SQLite file). The count of places happens
 * after BEGIN IMMEDIATE, so whatever the interleaving: exactly 20 confirmed, 30 waitlisted, and the
 * order of sign-up ids is the order of the outcome (the first 20 ids hold the places, the waitlist
 * places are 1…30 in id order) — every round.
 */
describe('concurrent sign-ups from separate connections', () => {
  it('50 people for 20 places → exactly 20 confirmed and 30 waitlisted, in order, every time', { timeout: 120_000 }, async () => {
    const { db, file } = tempDb();
    const now = new Date('2026-12-01T02:00:00.000Z');
    const residents = Array.from({ length: PEOPLE }, (_, i) => addResident(db, i + 1).id);
    const barrier = new SharedArrayBuffer(8);
    const gate = new Int32Array(barrier);
    const workers = await Promise.all(
      Array.from(
        { length: WORKERS },
        () =>
          new Promise<Worker>((resolve, reject) => {
            const w = new Worker(boot, { eval: true, workerData: { file, barrier } });
            w.once('error', reject);
            w.once('message', () => resolve(w)); // 'ready'
          }),
      ),
    );
    try {
      for (let round = 1; round <= ROUNDS; round++) {
        const { id: activityId } = saveActivity(
          db,
          { title: `第${round}轮`, type: 'health_check', place: '健康小屋', day: '2026-12-05', from: '08:00', to: '10:00', capacity: PLACES, rules: [] },
          { staffId: null, now, timeZone: 'Asia/Shanghai' },
        );
        Atomics.store(gate, 1, 0);
        const answers = workers.map(
          (w, i) =>
            new Promise<Array<{ residentId: number; signupId: number; status: string; waitlistPlace: number | null }>>((resolve, reject) => {
              w.once('message', resolve);
              w.once('error', reject);
              w.postMessage({ round, activityId, residentIds: residents.filter((_, k) => k % WORKERS === i), now: now.toISOString() });
            }),
        );
        // Open the gate only when every worker is waiting at it.
        while (Atomics.load(gate, 1) < WORKERS) await new Promise((r) => setTimeout(r, 5));
        Atomics.store(gate, 0, round);
        Atomics.notify(gate, 0);
        const outcomes = (await Promise.all(answers)).flat();

        expect(outcomes).toHaveLength(PEOPLE);
        const rows = db.prepare('SELECT id, resident_id AS residentId, status FROM activity_signups WHERE activity_id = ? ORDER BY id').all(activityId) as Array<{
          id: number;
          residentId: number;
          status: string;
        }>;
        expect(rows).toHaveLength(PEOPLE);
        expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(PLACES);
        expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(PEOPLE - PLACES);
        // In order: the 20 lowest ids hold the places; the waitlist is the rest, numbered 1…30 by id.
        expect(rows.map((r) => r.status)).toEqual([...Array(PLACES).fill('confirmed'), ...Array(PEOPLE - PLACES).fill('waitlisted')]);
        const byId = new Map(outcomes.map((o) => [o.signupId, o]));
        rows.forEach((r, i) => {
          const o = byId.get(r.id)!;
          expect(o.status).toBe(r.status);
          expect(o.waitlistPlace).toBe(i < PLACES ? null : i - PLACES + 1);
        });
        // Everyone exactly once.
        expect(new Set(rows.map((r) => r.residentId)).size).toBe(PEOPLE);
        // The interleaving really was concurrent: sign-ups of different workers alternate.
        const workerOf = (residentId: number) => residents.indexOf(residentId) % WORKERS;
        const switches = rows.slice(1).filter((r, i) => workerOf(r.residentId) !== workerOf(rows[i]!.residentId)).length;
        expect(switches).toBeGreaterThan(WORKERS - 1);
      }
    } finally {
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              w.once('message', () => resolve());
              w.postMessage('close');
            }),
        ),
      );
      await Promise.all(workers.map((w) => w.terminate()));
    }
  });
});

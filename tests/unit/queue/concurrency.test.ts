import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLanServer, type LanServer } from '../../../electron/lan/server.js';
import { adminToken, ok, tempApi, tempDir } from '../../helpers/tempDb.js';

let server: LanServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TAKERS = 20;
const TICKETS = 2000;
const COUNTERS = 4;

describe('queue under concurrent kiosks and counters (HTTP on 127.0.0.1)', () => {
  it('issues every number exactly once and calls every ticket at most once', { timeout: 120_000 }, async () => {
    const t = tempApi({ clock: () => new Date('2026-01-10T03:00:00.000Z') });
    const token = await adminToken(t.api);
    const services: number[] = [];
    for (const prefix of ['A', 'B', 'C', 'D']) {
      services.push((await ok(t.api, 'queue.saveService', { name: `业务${prefix}`, prefix, opensAt: '00:00', closesAt: '24:00', dailyLimit: 9999 }, token)).id);
    }
    const counters: number[] = [];
    for (let n = 1; n <= COUNTERS; n++) counters.push((await ok(t.api, 'queue.saveCounter', { number: n, name: `${n}号窗口`, serviceIds: services }, token)).id);
    const dir = tempDir();
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
    server = await startLanServer({ api: t.api, port: 0, staticDir: dir, log: () => {} });
    const url = server.url;
    const call = async (op: string, input: unknown, auth?: string) => {
      const res = await fetch(`${url}/api/call/${op}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: `Bearer ${auth}` } : {}) },
        body: JSON.stringify(input),
      });
      return (await res.json()) as { ok: boolean; data?: any; error?: { code: string } };
    };

    let remaining = TICKETS;
    let taking = TAKERS;
    const issued: Array<{ id: number; code: string; serviceId: number }> = [];
    const takers = Array.from({ length: TAKERS }, async (_, i) => {
      while (remaining > 0) {
        remaining--;
        const r = await call('queue.take', { serviceId: services[(i + remaining) % services.length] });
        expect(r.ok, JSON.stringify(r.error)).toBe(true);
        issued.push({ id: r.data.id, code: r.data.code, serviceId: r.data.serviceId });
      }
      taking--;
    });

    const called: number[] = [];
    const callers = counters.map(async (counterId) => {
      for (let guard = 0; guard < TICKETS * 4; guard++) {
        const r = await call('queue.callNext', { counterId }, token);
        if (!r.ok) {
          expect(r.error!.code).toBe('QUEUE_EMPTY');
          if (taking === 0) break;
          await new Promise((res) => setTimeout(res, 10));
          continue;
        }
        called.push(r.data.current.id);
        const f = await call('queue.finish', { counterId }, token);
        expect(f.ok).toBe(true);
      }
    });
    await Promise.all([...takers, ...callers]);
    // The last takes may have landed after a counter gave up: drain once more, sequentially.
    for (;;) {
      const r = await call('queue.callNext', { counterId: counters[0] }, token);
      if (!r.ok) break;
      called.push(r.data.current.id);
      await call('queue.finish', { counterId: counters[0] }, token);
    }

    expect(issued).toHaveLength(TICKETS);
    expect(new Set(issued.map((x) => x.code)).size).toBe(TICKETS);
    for (const s of services) {
      const numbers = issued
        .filter((x) => x.serviceId === s)
        .map((x) => Number(x.code.slice(1)))
        .sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    }
    expect(called).toHaveLength(TICKETS);
    expect(new Set(called).size).toBe(TICKETS);
    const calledEvents = t.db.prepare(`SELECT ticket_id, COUNT(*) AS n FROM queue_ticket_events WHERE kind = 'called' GROUP BY ticket_id HAVING n > 1`).all();
    expect(calledEvents).toEqual([]);
  });
});

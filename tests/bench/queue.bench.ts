import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { createApi } from '../../db/api/api.js';
import { queueClock } from '../../db/queue/clock.js';
import { saveCounter, saveService } from '../../db/queue/config.js';
import { issueTicket } from '../../db/queue/tickets.js';
import { startLanServer } from '../../electron/lan/server.js';
import type { BenchSuite, Measured } from './harness.js';
import { measure } from './harness.js';
import { BASELINE_INSERT } from './sqlite.bench.js';

const PRIOR_TICKETS = 50_000;

/**
 * queue.ticket.issue: one 取号 at the service layer (settings read for the center's clock, IMMEDIATE
 * transaction, day-number bump, ticket + event rows) with 50,000 earlier tickets in the table.
 * queue.call.fanout10: 叫号 over HTTP from one client until the queue.called event has reached all
 * 10 WebSocket display clients of a real LAN server on 127.0.0.1.
 */
export const queueBench: BenchSuite = {
  name: 'queue',
  async run({ freshDb, dir, log }) {
    const rows: Measured[] = [];
    const db = freshDb('queue.db');
    const services = ['A', 'B', 'C', 'D'].map((prefix, i) =>
      saveService(db, { name: `业务${prefix}`, prefix, opensAt: '00:00', closesAt: '24:00', dailyLimit: 9999, active: true, sort: i }),
    );
    const fill = db.prepare(
      `INSERT INTO queue_tickets (issued_service_id, service_id, day, number, code, status, queued_at, issued_at, called_at, finished_at)
       VALUES (?, ?, ?, ?, ?, 'finished', ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      for (let i = 0; i < PRIOR_TICKETS; i++) {
        const day = new Date(Date.UTC(2025, 0, 1) + Math.floor(i / 500) * 86_400_000);
        const s = services[i % 4]!;
        const at = day.toISOString();
        fill.run(s.id, s.id, at.slice(0, 10), Math.floor((i % 500) / 4) + 1, `${s.prefix}${i}`, at, at, at, at);
      }
    })();
    log(`queue: ${PRIOR_TICKETS} earlier tickets in the table`);
    const now = new Date('2026-01-10T03:00:00.000Z');
    rows.push(
      await measure('queue.ticket.issue', 2000, (i) => issueTicket(db, { serviceId: services[i % 4]!.id }, queueClock(db, now)), { warmup: 100, baseline: BASELINE_INSERT }),
    );

    // Fan-out over the real LAN transport.
    const fanDb = freshDb('queue-fanout.db');
    const api = createApi({ db: fanDb, dataDir: dir });
    const service = saveService(fanDb, { name: '政务代办', prefix: 'A', opensAt: '00:00', closesAt: '24:00', dailyLimit: 9999, active: true, sort: 0 });
    // One counter per call, so each sample is a bare 叫号 (no 办结 of the previous ticket inside the timing).
    const counters = Array.from({ length: 230 }, (_, i) => saveCounter(fanDb, { number: i + 1, name: `${i + 1}号窗口`, active: true, serviceIds: [service.id] }));
    const setup = await api.call('staff.setup', { name: '管理员', pin: '135790' });
    if (!setup.ok) throw new Error('staff.setup failed');
    const token = (setup.data as { token: string }).token;
    const staticDir = join(dir, 'static');
    mkdirSync(staticDir, { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>bench</title>');
    const server = await startLanServer({ api, port: 0, staticDir, log: () => {} });
    const wsUrl = `${server.url.replace('http', 'ws')}/api/events`;
    const displays = await Promise.all(
      Array.from(
        { length: 10 },
        () =>
          new Promise<WebSocket>((resolve, reject) => {
            const ws = new WebSocket(wsUrl);
            ws.once('open', () => resolve(ws));
            ws.once('error', reject);
          }),
      ),
    );
    const post = (op: string, input: unknown) =>
      fetch(`${server.url}/api/call/${op}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      }).then((r) => r.json());
    try {
      const N = 200;
      for (let i = 0; i < N + 20; i++) await api.call('queue.take', { serviceId: service.id });
      let next = 0;
      rows.push(
        await measure(
          'queue.call.fanout10',
          N,
          async () => {
            const counterId = counters[next++]!.id;
            const arrived = Promise.all(
              displays.map(
                (ws) =>
                  new Promise<void>((resolve) => {
                    const onMessage = (data: Buffer) => {
                      if (JSON.parse(String(data)).type !== 'queue.called') return;
                      ws.off('message', onMessage);
                      resolve();
                    };
                    ws.on('message', onMessage);
                  }),
              ),
            );
            await Promise.all([post('queue.callNext', { counterId }), arrived]);
          },
          { warmup: 10 },
        ),
      );
    } finally {
      displays.forEach((ws) => ws.terminate());
      await server.close();
      await api.print.close();
    }
    return rows;
  },
};

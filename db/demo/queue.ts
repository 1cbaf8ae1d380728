import type { Db } from '../connection.js';
import { saveCounter, saveService } from '../queue/config.js';
import { localClock } from '../localTime.js';
import { formatTicketCode, recordTicketEvent } from '../queue/tickets.js';

const SERVICES = [
  { name: '政务代办', nameEn: 'Government errands', prefix: 'A', counters: [1, 2] },
  { name: '医保社保咨询', nameEn: 'Medical and social insurance', prefix: 'B', counters: [2, 3] },
  { name: '健康体检', nameEn: 'Health check', prefix: 'C', counters: [3] },
  { name: '旅游咨询', nameEn: 'Travel advice', prefix: 'D', counters: [4] },
  { name: '物资租借', nameEn: 'Borrow equipment', prefix: 'E', counters: [4] },
];

/** A small deterministic generator, so the demo looks the same on every machine. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/**
 * Services A–E, counters 1–4, and a morning of tickets before `now`: the older ones called and
 * finished (so estimates have observed times), the latest still waiting.
 */
export function seedQueueDemo(db: Db, now: Date, timeZone = 'Asia/Shanghai'): void {
  const counterIds = new Map<number, number>();
  for (let n = 1; n <= 4; n++) counterIds.set(n, saveCounter(db, { number: n, name: `${n}号窗口`, active: true, serviceIds: [] }).id);
  const services = SERVICES.map((s, i) =>
    saveService(db, {
      name: s.name,
      nameEn: s.nameEn,
      prefix: s.prefix,
      opensAt: '08:00',
      closesAt: '17:30',
      dailyLimit: 300,
      active: true,
      sort: i,
      counterIds: s.counters.map((n) => counterIds.get(n)!),
    }),
  );
  const { day } = localClock(now, timeZone);
  const rnd = random(20260110);
  const insert = db.prepare(
    `INSERT INTO queue_tickets (issued_service_id, service_id, day, number, code, priority, status, counter_id, queued_at, issued_at, called_at, finished_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const numbers = new Map<number, number>();
  const TICKETS = 36;
  for (let i = 0; i < TICKETS; i++) {
    const service = services[Math.floor(rnd() * services.length)]!;
    const number = (numbers.get(service.id) ?? 0) + 1;
    numbers.set(service.id, number);
    const issued = new Date(now.getTime() - (150 - i * 4) * 60_000);
    const finished = i < TICKETS - 8;
    const counterId = finished ? service.counterIds[Math.floor(rnd() * service.counterIds.length)]! : null;
    const called = finished ? new Date(issued.getTime() + (5 + rnd() * 15) * 60_000) : null;
    const done = called ? new Date(called.getTime() + (3 + rnd() * 7) * 60_000) : null;
    const id = Number(
      insert.run(
        service.id,
        service.id,
        day,
        number,
        formatTicketCode(service.prefix, number),
        rnd() < 0.15 ? 1 : 0,
        finished ? 'finished' : 'waiting',
        counterId,
        issued.toISOString(),
        issued.toISOString(),
        called?.toISOString() ?? null,
        done?.toISOString() ?? null,
      ).lastInsertRowid,
    );
    recordTicketEvent(db, id, 'issued', service.id, null, issued.toISOString());
    if (called && done) {
      recordTicketEvent(db, id, 'called', service.id, counterId, called.toISOString());
      recordTicketEvent(db, id, 'finished', service.id, counterId, done.toISOString());
    }
  }
  const bump = db.prepare('INSERT INTO queue_day_numbers (service_id, day, last_number) VALUES (?, ?, ?)');
  for (const [serviceId, last] of numbers) bump.run(serviceId, day, last);
}

import type { Db } from '../../../db/connection.js';

/**
 * The expected report figures, computed the plain way: every raw row read with SELECT *, local
 * days from Intl in the center's zone, loops and counters in JS. Nothing here calls report code.
 */
export interface Window {
  from: string; // first local day
  to: string; // last local day
  timeZone: string;
  now: Date;
  seasonFrom: string; // first day of the season the window starts in
}

const fmts = new Map<string, Intl.DateTimeFormat>();
function fmt(kind: 'day' | 'hour', timeZone: string): Intl.DateTimeFormat {
  let f = fmts.get(kind + timeZone);
  if (!f) {
    f =
      kind === 'day'
        ? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
        : new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
    fmts.set(kind + timeZone, f);
  }
  return f;
}
const dayCache = new Map<string, string>();
export function localDayOf(iso: string, timeZone: string): string {
  const key = iso + timeZone;
  let d = dayCache.get(key);
  if (d === undefined) {
    d = fmt('day', timeZone).format(new Date(iso));
    dayCache.set(key, d);
  }
  return d;
}
export function localHourOf(iso: string, timeZone: string): number {
  return Number(fmt('hour', timeZone).format(new Date(iso)));
}

export function daysOf(w: Window): string[] {
  const out: string[] = [];
  for (let d = new Date(`${w.from}T00:00:00Z`); d.toISOString().slice(0, 10) <= w.to; d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
}

/** The instant local day `day` begins, found by stepping minute by minute is too slow: search by hour then minute. */
export function localMidnight(day: string, timeZone: string): number {
  // Candidates around UTC midnight ± 14 h; the first instant whose local day is `day`.
  let lo = Date.parse(`${day}T00:00:00Z`) - 15 * 3_600_000;
  let hi = Date.parse(`${day}T00:00:00Z`) + 15 * 3_600_000;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDayOf(new Date(mid).toISOString(), timeZone) >= day) hi = mid;
    else lo = mid;
  }
  return Math.round(hi / 60_000) * 60_000;
}

interface Stay {
  resident_id: number;
  arrived_at: string;
  departed_at: string | null;
}
interface Resident {
  id: number;
  sex: string | null;
  birth_year: number | null;
  origin_province: string | null;
  origin_city: string | null;
  lodging_kind: string | null;
  lodging_id: number | null;
  needs: string;
  interests: string;
  party_member: number;
}

export function expectedResidents(db: Db, w: Window) {
  const stays = db.prepare('SELECT * FROM stays').all() as Stay[];
  const residents = new Map((db.prepare('SELECT * FROM residents').all() as Resident[]).map((r) => [r.id, r]));
  const days = daysOf(w);
  const day = (iso: string) => localDayOf(iso, w.timeZone);
  const inTown = days.map((d) => ({
    day: d,
    inTown: stays.filter((s) => day(s.arrived_at) <= d && (s.departed_at === null || day(s.departed_at) >= d)).length,
    arrivals: stays.filter((s) => day(s.arrived_at) === d).length,
    departures: stays.filter((s) => s.departed_at && day(s.departed_at) === d).length,
  }));
  const popIds = new Set(stays.filter((s) => day(s.arrived_at) <= w.to && (s.departed_at === null || day(s.departed_at) >= w.from)).map((s) => s.resident_id));
  const pop = [...popIds].map((id) => residents.get(id)!);
  const tally = (keys: string[]) => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const provinces = tally(pop.map((r) => r.origin_province ?? '未填'));
  const cities = new Map<string, Map<string, number>>();
  for (const r of pop) {
    const p = r.origin_province ?? '未填';
    const m = cities.get(p) ?? new Map<string, number>();
    m.set(r.origin_city ?? '未填', (m.get(r.origin_city ?? '未填') ?? 0) + 1);
    cities.set(p, m);
  }
  const ageYear = Number(w.to.slice(0, 4));
  const band = (by: number | null) => {
    if (by === null) return '未填';
    const a = ageYear - by;
    if (a < 55) return '55岁以下';
    if (a < 60) return '55–59';
    if (a < 65) return '60–64';
    if (a < 70) return '65–69';
    if (a < 75) return '70–74';
    if (a < 80) return '75–79';
    return '80岁以上';
  };
  const age = new Map<string, { male: number; female: number; unknown: number }>();
  for (const r of pop) {
    const b = age.get(band(r.birth_year)) ?? { male: 0, female: 0, unknown: 0 };
    if (r.sex === 'M') b.male++;
    else if (r.sex === 'F') b.female++;
    else b.unknown++;
    age.set(band(r.birth_year), b);
  }
  const closed = stays.filter((s) => s.departed_at && day(s.departed_at) >= w.from && day(s.departed_at) <= w.to);
  const buckets = [0, 0, 0, 0, 0];
  for (const s of closed) {
    const d = (Date.parse(s.departed_at!) - Date.parse(s.arrived_at)) / 86_400_000;
    buckets[d < 7 ? 0 : d < 28 ? 1 : d < 90 ? 2 : d < 180 ? 3 : 4]!++;
  }
  const returning = pop.filter((r) => stays.some((s) => s.resident_id === r.id && day(s.arrived_at) < w.seasonFrom)).length;
  const lodgingKinds = tally(pop.map((r) => r.lodging_kind ?? ''));
  const lodgingNames = new Map((db.prepare('SELECT id, name FROM lodgings').all() as Array<{ id: number; name: string }>).map((l) => [l.id, l.name]));
  const lodgings = tally(pop.filter((r) => r.lodging_id !== null).map((r) => lodgingNames.get(r.lodging_id!)!));
  const needs = tally(pop.flatMap((r) => JSON.parse(r.needs) as string[]));
  const interests = tally(pop.flatMap((r) => JSON.parse(r.interests) as string[]));
  const party = pop.filter((r) => r.party_member === 1).length;
  return { inTown, provinces, cities, age, buckets, population: pop.length, returning, lodgingKinds, lodgings, needs, interests, party };
}

interface LoanRow {
  id: number;
  unit_id: number;
  out_at: string;
  due_at: string;
  deposit_fen: number;
  returned_at: string | null;
  refund_fen: number | null;
  kept_fen: number | null;
}

export function expectedLoans(db: Db, w: Window) {
  const loans = db.prepare('SELECT * FROM loans').all() as LoanRow[];
  const units = new Map((db.prepare('SELECT * FROM loan_units').all() as Array<{ id: number; category_id: number; status: string; created_at: string }>).map((u) => [u.id, u]));
  const cats = db.prepare("SELECT * FROM loan_categories WHERE kind = 'equipment' ORDER BY id").all() as Array<{ id: number; name: string }>;
  const start = localMidnight(w.from, w.timeZone);
  const endDay = new Date(`${w.to}T00:00:00Z`);
  endDay.setUTCDate(endDay.getUTCDate() + 1);
  const end = localMidnight(endDay.toISOString().slice(0, 10), w.timeZone);
  const lim = Math.min(end, w.now.getTime());
  const day = (iso: string) => localDayOf(iso, w.timeZone);
  const inPeriod = (iso: string | null) => iso !== null && Date.parse(iso) >= start && Date.parse(iso) < lim;
  // Weeks: the Monday on or before the day, but not before the window's first day.
  const weekOf = (d: string) => {
    const x = new Date(`${d}T00:00:00Z`);
    while (x.getUTCDay() !== 1 && x.toISOString().slice(0, 10) > w.from) x.setUTCDate(x.getUTCDate() - 1);
    return x.toISOString().slice(0, 10);
  };
  const perWeek = new Map<string, Map<number, number>>();
  for (const l of loans) {
    if (!inPeriod(l.out_at)) continue;
    const wk = weekOf(day(l.out_at));
    const m = perWeek.get(wk) ?? new Map<number, number>();
    const c = units.get(l.unit_id)!.category_id;
    m.set(c, (m.get(c) ?? 0) + 1);
    perWeek.set(wk, m);
  }
  const counted = (u: { status: string; created_at: string }) => u.status !== 'retired' && Date.parse(u.created_at) < end;
  const util = cats.map((c) => {
    const catUnits = [...units.values()].filter((u) => u.category_id === c.id);
    const n = catUnits.filter(counted).length;
    let outMs = 0;
    let count = 0;
    let overdue = 0;
    for (const l of loans) {
      const u = units.get(l.unit_id)!;
      if (u.category_id !== c.id) continue;
      const a = Math.max(Date.parse(l.out_at), start);
      const b = Math.min(l.returned_at ? Date.parse(l.returned_at) : lim, lim);
      if (counted(u) && b > a) outMs += b - a;
      if (inPeriod(l.out_at)) count++;
      if (inPeriod(l.due_at) && (l.returned_at === null || l.returned_at > l.due_at)) overdue++;
    }
    const available = (n * (lim - start)) / 86_400_000;
    return {
      category: c.name,
      units: n,
      loans: count,
      overdue,
      unitDaysOut: outMs / 86_400_000,
      unitDaysAvailable: available,
      utilisation: available ? outMs / 86_400_000 / available : null,
    };
  });
  const collected = loans.filter((l) => inPeriod(l.out_at)).reduce((s, l) => s + l.deposit_fen, 0);
  const refunded = loans.filter((l) => inPeriod(l.returned_at)).reduce((s, l) => s + (l.refund_fen ?? 0), 0);
  const kept = loans.filter((l) => inPeriod(l.returned_at)).reduce((s, l) => s + (l.kept_fen ?? 0), 0);
  const issues = db.prepare('SELECT i.*, c.name FROM consumable_issues i JOIN loan_categories c ON c.id = i.category_id').all() as Array<{
    name: string;
    kind: string;
    quantity: number;
    amount_fen: number;
    at: string;
  }>;
  const consumables = new Map<string, { handout: number; sold: number; amount: number }>();
  for (const i of issues) {
    const e = consumables.get(i.name) ?? { handout: 0, sold: 0, amount: 0 };
    if (inPeriod(i.at) && i.kind === 'handout') e.handout += i.quantity;
    if (inPeriod(i.at) && i.kind === 'sale') {
      e.sold += i.quantity;
      e.amount += i.amount_fen;
    }
    consumables.set(i.name, e);
  }
  const perDayDeposits = daysOf(w).map((d) => {
    const out = loans.filter((l) => inPeriod(l.out_at) && day(l.out_at) === d);
    const back = loans.filter((l) => inPeriod(l.returned_at) && day(l.returned_at!) === d);
    return {
      day: d,
      lent: out.filter((l) => l.deposit_fen > 0).length,
      collected: out.reduce((s, l) => s + l.deposit_fen, 0),
      returned: back.filter((l) => l.deposit_fen > 0).length,
      refunded: back.reduce((s, l) => s + (l.refund_fen ?? 0), 0),
      kept: back.reduce((s, l) => s + (l.kept_fen ?? 0), 0),
    };
  });
  return { perWeek, util, collected, refunded, kept, consumables, perDayDeposits, cats };
}

function nearestRank(xs: number[], p: number): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(p * s.length) - 1)]!;
}

export function expectedQueue(db: Db, w: Window) {
  const tickets = (
    db.prepare('SELECT * FROM queue_tickets').all() as Array<{
      day: string;
      issued_service_id: number;
      counter_id: number | null;
      status: string;
      issued_at: string;
      called_at: string | null;
      finished_at: string | null;
    }>
  ).filter((t) => t.day >= w.from && t.day <= w.to);
  const mins = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 60_000;
  const perDay = new Map<string, number>();
  for (const t of tickets) perDay.set(`${t.day}|${t.issued_service_id}`, (perDay.get(`${t.day}|${t.issued_service_id}`) ?? 0) + 1);
  const byHour = new Map<number, { tickets: number; waits: number[] }>();
  for (const t of tickets) {
    const h = localHourOf(t.issued_at, w.timeZone);
    const e = byHour.get(h) ?? { tickets: 0, waits: [] };
    e.tickets++;
    if (t.called_at) e.waits.push(mins(t.issued_at, t.called_at));
    byHour.set(h, e);
  }
  const services = db.prepare('SELECT * FROM queue_services ORDER BY sort, id').all() as Array<{ id: number; name: string }>;
  const svc = services.map((s) => {
    const mine = tickets.filter((t) => t.issued_service_id === s.id);
    const fin = mine.filter((t) => t.status === 'finished');
    const ns = mine.filter((t) => t.status === 'no_show').length;
    const st = fin.map((t) => mins(t.called_at!, t.finished_at!));
    return {
      service: s.name,
      tickets: mine.length,
      finished: fin.length,
      noShow: ns,
      unserved: mine.filter((t) => t.status === 'unserved').length,
      noShowRate: fin.length + ns ? ns / (fin.length + ns) : null,
      waitP50: nearestRank(
        mine.filter((t) => t.called_at).map((t) => mins(t.issued_at, t.called_at!)),
        0.5,
      ),
      waitP90: nearestRank(
        mine.filter((t) => t.called_at).map((t) => mins(t.issued_at, t.called_at!)),
        0.9,
      ),
      serviceP50: nearestRank(st, 0.5),
      serviceAvg: st.length ? st.reduce((a, b) => a + b, 0) / st.length : null,
    };
  });
  const counters = (db.prepare('SELECT * FROM queue_counters ORDER BY number').all() as Array<{ id: number; name: string }>).map((c) => ({
    counter: c.name,
    finished: tickets.filter((t) => t.counter_id === c.id && t.status === 'finished').length,
    noShow: tickets.filter((t) => t.counter_id === c.id && t.status === 'no_show').length,
  }));
  const hours = [...byHour.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([h, e]) => ({ hour: `${String(h).padStart(2, '0')}:00`, tickets: e.tickets, p50: nearestRank(e.waits, 0.5), p90: nearestRank(e.waits, 0.9) }));
  return { tickets, perDay, hours, svc, counters, services };
}

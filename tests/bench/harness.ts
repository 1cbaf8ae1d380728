import type { Db } from '../../db/connection.js';

export interface BenchRow {
  id: string;
  n: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  /** The raw SQLite figure this one is read against (sqlite.insert for writes, sqlite.lookup for reads). */
  baseline_id: string | null;
  /** p50 of this row divided by p50 of its baseline, measured in the same run. */
  ratio: number | null;
  /** What the row means when p50 alone does not say it (a rate, a target, a skip). */
  note?: string;
}

export type Measured = Omit<BenchRow, 'ratio'>;

export interface BenchContext {
  /** A fresh folder for this suite's database files. */
  dir: string;
  /** Opens a fresh database file with the app's pragmas and schema. */
  freshDb(name: string): Db;
  log(line: string): void;
}

export interface BenchSuite {
  name: string;
  run(ctx: BenchContext): Promise<Measured[]> | Measured[];
}

function percentile(sorted: number[], p: number): number {
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

const round = (ms: number) => Math.round(ms * 10_000) / 10_000;

/**
 * Times `fn` n times, one sample per call, after a warm-up. Each call gets its index so it can
 * work on a different row every time (no caching flattering the figure).
 */
export async function measure(
  id: string,
  n: number,
  fn: (i: number) => unknown,
  options: { warmup?: number; baseline?: string | null; /** Untimed work before each sample (and warm-up run). */ before?: () => void } = {},
): Promise<Measured> {
  const warmup = options.warmup ?? Math.min(200, Math.ceil(n / 10));
  for (let i = 0; i < warmup; i++) {
    options.before?.();
    await fn(n + i);
  }
  const samples = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    options.before?.();
    const start = process.hrtime.bigint();
    await fn(i);
    samples[i] = Number(process.hrtime.bigint() - start) / 1e6;
  }
  samples.sort((a, b) => a - b);
  return {
    id,
    n,
    p50_ms: round(percentile(samples, 50)),
    p95_ms: round(percentile(samples, 95)),
    p99_ms: round(percentile(samples, 99)),
    baseline_id: options.baseline ?? null,
  };
}

/** Adds each row's ratio to its baseline's p50 from the same run. */
export function withRatios(rows: Measured[]): BenchRow[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return rows.map((r) => {
    const base = r.baseline_id ? byId.get(r.baseline_id) : undefined;
    return { ...r, ratio: base && base.p50_ms > 0 ? Math.round((r.p50_ms / base.p50_ms) * 100) / 100 : null };
  });
}

export function formatTable(rows: BenchRow[]): string {
  const head = ['id', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'baseline', '× baseline', 'note'];
  const body = rows.map((r) => [
    r.id,
    String(r.n),
    r.p50_ms.toFixed(4),
    r.p95_ms.toFixed(4),
    r.p99_ms.toFixed(4),
    r.baseline_id ?? '—',
    r.ratio === null ? '—' : r.ratio.toFixed(2),
    r.note ?? '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : i === head.length - 1 ? c : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/**
 * The bench harness: time an operation of ours and the same SQL on raw better-sqlite3,
 * interleaved in one process, and print p50/p95 and the ratio as a table on stdout.
 * Adding a measurement is one entry in run.ts:
 *
 *   { name: 'fees.pay', iterations: 100, ours: () => app.call(t, 'fees.pay', …), raw: () => rawPay.run(…) }
 */

export type Task = () => unknown | Promise<unknown>;

export interface Measurement {
  name: string;
  /** the operation through our code (openStore, app.call …) */
  ours: Task;
  /** the same SQL on raw better-sqlite3, the baseline; leave out for a figure with no baseline */
  raw?: Task;
  /** timed runs of each (default 50) */
  iterations?: number;
  /** untimed runs first, to warm caches and the JIT (default 3) */
  warmup?: number;
  /** run once before, and once after, the measurement */
  before?: () => unknown | Promise<unknown>;
  after?: () => unknown | Promise<unknown>;
}

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

export interface Result {
  name: string;
  ours: Stats;
  raw: Stats | null;
}

/** Nearest-rank percentile of ascending samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    min: s[0]!,
    max: s.at(-1)!,
  };
}

async function timeOnce(task: Task): Promise<number> {
  const t0 = performance.now();
  await task();
  return performance.now() - t0;
}

/** Measure one entry: warm up, then alternate ours/raw (swapping who goes first) so drift hits both. */
export async function measure(m: Measurement): Promise<Result> {
  const iterations = m.iterations ?? 50;
  const warmup = m.warmup ?? 3;
  await m.before?.();
  try {
    for (let i = 0; i < warmup; i++) {
      await m.ours();
      await m.raw?.();
    }
    const ours: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < iterations; i++) {
      if (m.raw && i % 2 === 1) raw.push(await timeOnce(m.raw));
      ours.push(await timeOnce(m.ours));
      if (m.raw && i % 2 === 0) raw.push(await timeOnce(m.raw));
    }
    return { name: m.name, ours: stats(ours), raw: m.raw ? stats(raw) : null };
  } finally {
    await m.after?.();
  }
}

function ms(v: number): string {
  if (Number.isNaN(v)) return '—';
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3);
}

function ratio(a: number, b: number | undefined): string {
  return b === undefined || !(b > 0) ? '—' : `${(a / b).toFixed(2)}×`;
}

/** Render results as a plain-text table (for stdout). */
export function formatTable(results: readonly Result[]): string {
  const header = ['operation', 'n', 'ours p50 ms', 'ours p95 ms', 'raw p50 ms', 'raw p95 ms', 'ratio p50', 'ratio p95'];
  const body = results.map((r) => [
    r.name,
    String(r.ours.n),
    ms(r.ours.p50),
    ms(r.ours.p95),
    r.raw ? ms(r.raw.p50) : '—',
    r.raw ? ms(r.raw.p95) : '—',
    ratio(r.ours.p50, r.raw?.p50),
    ratio(r.ours.p95, r.raw?.p95),
  ]);
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const cols = header.map((h, i) => Math.max(width(h), ...body.map((row) => width(row[i]!))));
  const pad = (s: string, i: number) => (i === 0 ? s + ' '.repeat(cols[i]! - width(s)) : ' '.repeat(cols[i]! - width(s)) + s);
  const line = (row: string[]) => `| ${row.map(pad).join(' | ')} |`;
  return [line(header), `|${cols.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...body.map(line)].join('\n');
}

/** Run the measurements whose name contains `filter` (all if empty), with progress on stderr. */
export async function runBench(measurements: readonly Measurement[], filter = ''): Promise<Result[]> {
  const results: Result[] = [];
  for (const m of measurements) {
    if (!m.name.toLowerCase().includes(filter.toLowerCase())) continue;
    process.stderr.write(`[bench] ${m.name} …`);
    const t0 = performance.now();
    const r = await measure(m);
    process.stderr.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    results.push(r);
  }
  return results;
}

/** Print the table on stdout. */
export function printResults(results: readonly Result[]): void {
  process.stdout.write(`\n${formatTable(results)}\n`);
  process.stdout.write(`\nnode ${process.version}, ${process.platform}/${process.arch}; wall-clock ms per call; ratio = ours / raw better-sqlite3 running the same SQL in the same process.\n`);
}

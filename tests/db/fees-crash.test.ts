/**
 * Receipts survive a crash: a child process takes payments as fast as it can and is
 * killed with SIGKILL in the middle of the burst (no shutdown, no flush). Reopened, the
 * store's receipt numbers run 1..n without a gap or a duplicate, every receipt the child
 * reported is there, and every receipt has its lines and its payment methods.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { cleanup, createTestApp, login, ok, rows } from '../helpers/app.js';
import { feeSite } from './fees-fixture.js';

afterEach(cleanup);

const child = fileURLToPath(new URL('./fees-crash-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

it('keeps receipt numbers contiguous and every receipt whole after a SIGKILL during a burst of payments', async () => {
  const s = await feeSite();
  const { file } = s.app;
  const { username, password } = s.cashier;
  await s.app.close();

  const proc = spawn(process.execPath, ['--import', 'tsx', child, file, s.rooms.r201, username, password], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const reported: string[] = [];
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<NodeJS.Signals | number | null>((res) => proc.once('exit', (code, signal) => res(signal ?? code)));
  await new Promise<void>((resolve, reject) => {
    let buf = '';
    proc.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) if (l.startsWith('ok ')) reported.push(l.slice(3));
      // kill it in full flight, well into the burst
      if (reported.length >= 60 && !proc.killed) {
        proc.kill('SIGKILL');
        resolve();
      }
    });
    proc.once('exit', () => reject(new Error(`child exited before the kill: ${err}`)));
  });
  expect(await exited).toBe('SIGKILL');

  const app = await createTestApp({ file });
  expect(rows(app, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  const receipts = rows<{ id: string; seq: number; number: string; total: number; year: number }>(app, "SELECT id, seq, number, total, year FROM receipt WHERE kind = 'payment' ORDER BY seq");
  expect(receipts.length).toBeGreaterThanOrEqual(reported.length);
  expect(receipts.map((r) => r.seq)).toEqual(receipts.map((_, i) => i + 1));
  expect(new Set(receipts.map((r) => r.number)).size).toBe(receipts.length);
  for (const n of reported) expect(receipts.some((r) => r.number === n), n).toBe(true);
  const sums = rows<{ id: string; lines: number; methods: number }>(app, `SELECT r.id,
      (SELECT sum(amount) FROM receipt_line l WHERE l.receipt_id = r.id) AS lines,
      (SELECT sum(amount) FROM receipt_payment p WHERE p.receipt_id = r.id) AS methods FROM receipt r`);
  for (const [i, r] of receipts.entries()) {
    const sum = sums.find((x) => x.id === r.id)!;
    expect(sum.lines, `receipt ${r.number} lines`).toBe(r.total);
    expect(sum.methods, `receipt ${r.number} methods`).toBe(r.total);
    expect(r.number).toBe(`SJ-${r.year}-${String(i + 1).padStart(6, '0')}`);
  }
  // the desk carries on from the next number
  const token = await login(app, username, password);
  const next = await ok(app, token, 'fees.pay', { roomId: s.rooms.r201, lines: [], prepay: 100, methods: [{ method: 'cash', amount: 100 }] });
  expect(next.number).toBe(`SJ-2026-${String(receipts.length + 1).padStart(6, '0')}`);
});

/**
 * Long reads never block the desk: the arrears and month reports run on the report reader (a
 * read-only connection in a worker thread), give exactly what the same reads on the desk's own
 * connection give, and a payment is answered while a report is still running.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { arrearsReport } from '../../db/fees/arrears-report.js';
import { monthReport } from '../../db/fees/report-ops.js';
import { inProcessReader } from '../../db/store/reader.js';
import { cleanup, ok, tempDir } from '../helpers/app.js';
import { feeSite, type FeeSite } from './fees-fixture.js';

afterEach(cleanup);

/** Three months billed, one room partly paid, a line cancelled, a deposit: something in every column. */
async function siteWithHistory(s: FeeSite) {
  for (const p of ['2026-09', '2026-10', '2026-11']) await ok(s.app, s.cashier.token, 'fees.generate', { period: p, commit: true });
  const acct = await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r101 });
  const pay = acct.lines.filter((l) => l.period === '2026-09');
  await ok(s.app, s.cashier.token, 'fees.pay', {
    roomId: s.rooms.r101, lines: pay.map((l) => ({ billId: l.id, amount: l.owed })), methods: [{ method: 'cash', amount: pay.reduce((a, l) => a + l.owed, 0) }],
  });
}

describe('reports on the report reader', () => {
  it('gives the same arrears and month reports as the same reads on the desk\'s own connection, on a real store file', async () => {
    const s = await feeSite();
    await siteWithHistory(s);
    const siteId = (s.app.store.raw.prepare('SELECT id FROM site').get() as { id: string }).id;
    const here = inProcessReader(s.app.store.raw);
    for (const building of [null, s.buildings.b1]) {
      const scope = { site: siteId, building, now: '2026-12', limit: 300 };
      const apart = await arrearsReport(s.app.store.reader, scope);
      expect(apart.rooms.length).toBeGreaterThan(0);
      expect(apart).toEqual(await arrearsReport(here, scope));
    }
    for (const p of ['2026-09', '2026-11']) {
      const apart = await monthReport(s.app.store.reader, siteId, p);
      expect(apart.billed).toBeGreaterThan(0);
      expect(apart).toEqual(await monthReport(here, siteId, p));
    }
    // and the operations answer what the reader reads
    const op = await ok(s.app, s.receptionist.token, 'fees.arrears', {});
    expect(op).toEqual(await arrearsReport(here, { site: siteId, building: null, now: '2026-12', limit: 300 }));
    expect(await ok(s.app, s.supervisor.token, 'fees.monthReport', { period: '2026-10' })).toEqual(await monthReport(here, siteId, '2026-10'));
  });

  it('answers a payment in another window while the whole-site arrears report is still running, and the report then sees it', async () => {
    const gate = join(tempDir(), 'report-may-finish');
    const s = await feeSite({ readerGate: gate });
    await siteWithHistory(s);
    let reportDone = false;
    const report = s.app.call(s.supervisor.token, 'fees.arrears', {}).then((r) => { reportDone = true; return r; });
    // the report is held on its reader (its connection, its thread) …
    const acct = await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r102 });
    const line = acct.lines[0]!;
    const paid = await ok(s.app, s.cashier.token, 'fees.pay', {
      roomId: s.rooms.r102, lines: [{ billId: line.id, amount: line.owed }], methods: [{ method: 'wechat', amount: line.owed, reference: '4200001234202612010001' }],
    });
    // … and the payment was taken and answered all the same
    expect(paid.number).toMatch(/^SJ/);
    expect(reportDone).toBe(false);
    writeFileSync(gate, '');
    const r = await report;
    expect(r.envelope.ok).toBe(true);
    const rooms = (r.envelope as { value: { rooms: { code: string; total: number }[] } }).value.rooms;
    // the report's snapshot began after the payment: room 102 owes one line less
    expect(rooms.find((x) => x.code === '1-1-102')!.total).toBe(acct.totalOwed - line.owed);
  });
});

/** Cancelling a charge (作废应收): with a reason and a supervisor at the desk; a cancelled line owes nothing and cannot be paid; a paid one is refused. */
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ACCOUNT_SQL } from '../../db/fees/account.js';
import { WITHDRAWN } from '../../db/fees/meter-rules.js';
import { cleanup, ok, refused, rows, snapshotStore } from '../helpers/app.js';
import { feeSite, openLinesFromScratch, type FeeSite } from './fees-fixture.js';

afterEach(cleanup);

async function billed(): Promise<FeeSite & { lines: { id: string; period: string; itemCode: string; owed: number }[] }> {
  const s = await feeSite();
  await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-11', commit: true });
  const lines = (await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r101 })).lines;
  return { ...s, lines };
}

const approval = (s: FeeSite) => ({ approverUsername: 'zhou.hong', approverPassword: s.supervisor.password });

describe('cancelling a charge', () => {
  it('takes the line off what the room owes and the arrears, keeps it in the history marked cancelled, and logs who asked and who approved', async () => {
    const s = await billed();
    const refuse = s.lines.find((l) => l.itemCode === 'LJF')!;
    const done = await ok(s.app, s.cashier.token, 'fees.cancelBill', { billId: refuse.id, reason: '该户本月无垃圾清运', ...approval(s) });
    expect(done).toMatchObject({ room: '1-1-101', period: '2026-11', amount: 1500, approver: '周红' });

    const acct = await ok(s.app, s.receptionist.token, 'fees.roomAccount', { roomId: s.rooms.r101 });
    expect(acct.lines.map((l) => l.itemCode)).toEqual(['WYF']);
    expect(acct.totalOwed).toBe(21033);
    const history = await ok(s.app, s.receptionist.token, 'fees.roomAccount', { roomId: s.rooms.r101, paid: true });
    expect(history.lines.map((l) => [l.itemCode, l.cancelled, l.owed])).toEqual([['LJF', true, 0], ['WYF', false, 21033]]);
    const arrears = await ok(s.app, s.supervisor.token, 'fees.arrears', {});
    expect(JSON.stringify(arrears)).not.toContain('"owed":1500,');
    // the month report: the cancelled line is neither billed nor counted as paid
    const month = await ok(s.app, s.supervisor.token, 'fees.monthReport', { period: '2026-11' });
    expect(month).toMatchObject({ billed: 21033 + 28200 + 14100 + 1500, paid: 0, rateBp: 0 });
    expect(month.byItem.map((i) => [i.code, i.billed, i.paid])).toEqual([['LJF', 1500, 0], ['WYF', 21033 + 28200 + 14100, 0]]);

    // billing the month again does not bring it back
    expect(await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-11', commit: true })).toMatchObject({ lines: 0 });
    const logged = rows<{ operation: string; after: string }>(s.app, "SELECT operation, after FROM change_log WHERE table_name = 'bill_cancel'");
    expect(logged).toHaveLength(1);
    expect(logged[0]!.operation).toBe('fees.cancelBill');
    expect(JSON.parse(logged[0]!.after)).toMatchObject({ bill_id: refuse.id, reason: '该户本月无垃圾清运', cancelled_by: s.cashier.id, approved_by: s.supervisor.id });
    const { derived, scratch } = openLinesFromScratch(s.app);
    expect(derived).toEqual(scratch.filter((r) => r.bill_id !== refuse.id));
  });

  it('refuses to take money for a cancelled line (say, cancelled in another window meanwhile) in words about paying, at the desk and in the store itself', async () => {
    const s = await billed();
    const line = s.lines[0]!;
    await ok(s.app, s.cashier.token, 'fees.cancelBill', { billId: line.id, reason: '重复收费', ...approval(s) });
    const err = await refused(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r101, lines: [{ billId: line.id, amount: line.owed }], methods: [{ method: 'cash', amount: line.owed }] });
    expect(err.code).toBe('fees.pay_cancelled_line');
    expect(err.message['zh-CN']).toContain('已作废');
    expect(err.message['zh-CN']).toContain('不能再收款');
    expect(err.message['zh-CN']).not.toContain('无需再作废');
    const t = '2026-11-23T02:00:00.000Z';
    const siteId = rows<{ id: string }>(s.app, 'SELECT id FROM site')[0]!.id;
    expect(() => s.app.store.raw.prepare(`INSERT INTO receipt_line (id, site_id, receipt_id, kind, bill_id, amount, created_at, updated_at)
      VALUES ('x', ?, 'no-receipt', 'bill', ?, 1, ?, ?)`).run(siteId, line.id, t, t)).toThrow(/cancelled bill line cannot be paid/);
    expect(() => s.app.store.raw.exec('DELETE FROM bill_cancel')).toThrow(/append-only/);
  });

  it('refuses a paid line until its receipt is void, and refuses without a supervisor, twice, or for a receptionist, changing nothing', async () => {
    const s = await billed();
    const line = s.lines[0]!;
    const r = await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r101, lines: [{ billId: line.id, amount: 500 }], methods: [{ method: 'cash', amount: 500 }] });
    const before = snapshotStore(s.app);
    const paid = await refused(s.app, s.cashier.token, 'fees.cancelBill', { billId: line.id, reason: '收错', ...approval(s) });
    expect(paid.code).toBe('fees.bill_paid');
    expect(paid.message['en-US']).toContain('¥5.00 paid');
    const bad = [
      [{ billId: line.id, reason: '收错', approverUsername: 'qian.min', approverPassword: s.cashier.password }, 'fees.bill_paid'],
      [{ billId: s.lines[1]!.id, reason: '收错', approverUsername: 'qian.min', approverPassword: s.cashier.password }, 'fees.not_approver'],
      [{ billId: s.lines[1]!.id, reason: '收错', approverUsername: 'li.xiaomei', approverPassword: s.receptionist.password }, 'fees.not_approver'],
      [{ billId: s.lines[1]!.id, reason: '错', ...approval(s) }, 'api.invalid_input'],
      [{ billId: '0190a000-0000-7000-8000-000000000000', reason: '收错', ...approval(s) }, 'fees.not_found'],
    ] as const;
    for (const [input, code] of bad) expect((await refused(s.app, s.cashier.token, 'fees.cancelBill', input)).code, code).toBe(code);
    expect((await refused(s.app, s.receptionist.token, 'fees.cancelBill', { billId: s.lines[1]!.id, reason: '收错', ...approval(s) })).code).toBe('auth.forbidden');
    // only the approvers' sign-in attempts are recorded (audited, and counted toward a lockout)
    const changed = Object.entries(snapshotStore(s.app)).filter(([k, v]) => before[k] !== v).map(([k]) => k).sort();
    expect(changed.filter((k) => !['audit_event', 'change_log', 'staff'].includes(k))).toEqual([]);
    expect(rows(s.app, 'SELECT count(*) AS n FROM bill_cancel')).toEqual([{ n: 0 }]);

    await ok(s.app, s.cashier.token, 'fees.void', { receiptId: r.id, reason: '收错金额', ...approval(s) });
    await ok(s.app, s.cashier.token, 'fees.cancelBill', { billId: line.id, reason: '收错房号', ...approval(s) });
    expect((await refused(s.app, s.cashier.token, 'fees.cancelBill', { billId: line.id, reason: '再次', ...approval(s) })).code).toBe('fees.bill_cancelled');
  });

  it('withdraws a cancelled meter bill\'s reading: its period is not read again, and the next reading bills from the last one in force', async () => {
    const s = await feeSite();
    const water = (await ok(s.app, s.admin, 'fees.saveItem', { code: 'SF', name: '水费', kind: 'metered', meter: 'water', unit: 'm³' })).id;
    await ok(s.app, s.admin, 'fees.addRate', { itemId: water, validFrom: '2026-01', price: '4.2' });
    const read = (period: string, reading: string, confirmJump?: boolean) =>
      ({ roomId: s.rooms.r101, meter: 'water' as const, period, readOn: `${period}-20`, reading, confirmJump });
    await ok(s.app, s.cashier.token, 'fees.reading', read('2026-08', '100'));
    await ok(s.app, s.cashier.token, 'fees.reading', read('2026-09', '112'));
    const typo = await ok(s.app, s.cashier.token, 'fees.reading', read('2026-10', '1230', true));
    expect(typo.use).toBe(111800);
    await ok(s.app, s.cashier.token, 'fees.cancelBill', { billId: typo.bill!.id, reason: '读数录错一位', ...approval(s) });
    const again = await refused(s.app, s.cashier.token, 'fees.reading', read('2026-10', '123'));
    expect(again.code).toBe('fees.reading_withdrawn');
    expect(again.message['zh-CN']).toContain('请在下一期录入实际读数');
    // 2026-11 is measured from 2026-09 (112): 15 m³, an ordinary use (the typo is not in the average)
    const next = await ok(s.app, s.cashier.token, 'fees.reading', read('2026-11', '127'));
    expect(next).toMatchObject({ use: 1500, baseline: false, bill: { amount: 6300 } });
    const history = await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r101, paid: true });
    expect(history.lines.filter((l) => l.itemCode === 'SF').map((l) => [l.period, l.amount, l.cancelled])).toEqual([
      ['2026-09', 5040, false], ['2026-10', 469560, true], ['2026-11', 6300, false],
    ]);
  });

  it('finds cancellations from the cancellation table by primary key, never by scanning the bills (query plans)', async () => {
    const s = await feeSite();
    const raw = s.app.store.raw;
    const plan = (text: string) => {
      const n = (text.match(/\?/g) ?? []).length;
      return (raw.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...Array(n).fill('x')) as { detail: string }[]).map((r) => r.detail);
    };
    const withdrawn = sql`SELECT id FROM meter_reading WHERE room_id = ${'x'} AND ${WITHDRAWN}`.compile(s.app.store.db).sql;
    for (const text of [ACCOUNT_SQL.open, ACCOUNT_SQL.all, withdrawn]) {
      const steps = plan(text);
      expect(steps.filter((d) => /^SCAN (b|y|bill)\b/.test(d)), steps.join(' | ')).toEqual([]);
    }
  });
});

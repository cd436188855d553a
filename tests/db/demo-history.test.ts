/**
 * The demo site's year of desk work (npm run demo): fee items and a year of bills and paid
 * receipts, complaint cases in every stage (some escalated), archive items in every category
 * with loans out and overdue — all written through the areas' operations, at the moments
 * they happened, and credited to the system account, not to a real person.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type DemoOptions, type DemoResult } from '../../db/demo/generate.js';
import { lastMove } from '../../db/handovers/queries.js';
import { ADMIN, cleanup, createTestApp, login, ok, rows, type TestApp } from '../helpers/app.js';

const OPTIONS: DemoOptions = { scale: 'small', admin: { username: 'admin', password: ADMIN.password }, staffPassword: 'Demo2026pw' };
const count = (app: TestApp, sql: string, ...p: unknown[]) => rows<{ n: number }>(app, sql, ...p)[0]!.n;

let app: TestApp;
let result: DemoResult;
beforeAll(async () => {
  app = await createTestApp();
  result = await generateDemo(app, OPTIONS);
}, 240_000);
afterAll(cleanup);

describe('the demo year', () => {
  it('bills every month and takes payments on numbered receipts through the year, leaving some arrears', async () => {
    const h = result.history;
    expect(h.feeItems).toBe(count(app, 'SELECT count(*) AS n FROM fee_item'));
    expect(count(app, "SELECT count(DISTINCT kind) AS n FROM fee_item")).toBe(5); // area, fixed, metered, deposit, one-off
    expect(count(app, 'SELECT count(DISTINCT period) AS n FROM bill')).toBe(h.billRuns);
    expect(h.billRuns).toBe(13);
    expect(count(app, 'SELECT count(*) AS n FROM fee_rate')).toBe(h.feeItems + 1); // one price raised mid-year
    expect(count(app, 'SELECT count(*) AS n FROM receipt')).toBe(h.receipts);
    expect(h.receipts).toBeGreaterThan(result.counts.rooms);
    expect(count(app, 'SELECT count(DISTINCT substr(day, 1, 7)) AS n FROM receipt')).toBeGreaterThanOrEqual(12);
    // receipts are gapless per year, each paid with lines and methods that add up
    for (const y of rows<{ year: number; n: number; top: number }>(app, 'SELECT year, count(*) AS n, max(seq) AS top FROM receipt GROUP BY year')) expect(y.top).toBe(y.n);
    expect(count(app, `SELECT count(*) AS n FROM receipt r WHERE r.total <> (SELECT sum(amount) FROM receipt_line l WHERE l.receipt_id = r.id)
      OR r.total <> (SELECT sum(amount) FROM receipt_payment p WHERE p.receipt_id = r.id)`)).toBe(0);
    // the derived table follows: what is open is what was billed less what was paid
    const billed = count(app, 'SELECT sum(amount) AS n FROM bill');
    const paid = count(app, "SELECT sum(amount) AS n FROM receipt_line WHERE kind = 'bill'");
    expect(count(app, 'SELECT sum(owed) AS n FROM bill_open')).toBe(billed - paid);
    expect(billed - paid).toBeGreaterThan(0);
    // the till shows it: a room's account through the API
    const cashier = await login(app, 'wang.xiulan', OPTIONS.staffPassword);
    const room = rows<{ room_id: string }>(app, 'SELECT room_id FROM receipt ORDER BY number DESC LIMIT 1')[0]!.room_id;
    const account = await ok(app, cashier, 'fees.roomAccount', { roomId: room });
    expect(account.receipts.length).toBeGreaterThan(0);
  });

  it('leaves cases in every stage, some past their deadline and escalated', async () => {
    const stages = rows<{ stage: string }>(app, 'SELECT DISTINCT stage FROM complaint_case ORDER BY stage').map((r) => r.stage);
    expect(stages).toEqual(['closed', 'followed_up', 'handling', 'received', 'replied']);
    expect(count(app, 'SELECT count(*) AS n FROM complaint_case')).toBe(result.history.cases);
    expect(count(app, "SELECT count(*) AS n FROM complaint_event WHERE event = 'escalated'")).toBeGreaterThan(0);
    expect(count(app, "SELECT count(*) AS n FROM complaint_event WHERE event = 'reopened'")).toBeGreaterThan(0);
    const desk = await login(app, 'liu.jianhua', OPTIONS.staffPassword);
    const attention = await ok(app, desk, 'complaints.attention', {});
    expect(JSON.stringify(attention)).not.toBe('[]');
    const now = app.clock.now().toISOString();
    expect(count(app, "SELECT count(*) AS n FROM complaint_case WHERE stage IN ('received', 'handling') AND due_at < ?", now)).toBeGreaterThan(0);
  });

  it('files items in every category of the scheme, with loans out and one past due', async () => {
    expect(count(app, 'SELECT count(DISTINCT category_code) AS n FROM archive_item')).toBe(6);
    expect(count(app, 'SELECT count(*) AS n FROM archive_item')).toBe(result.history.archiveItems);
    expect(count(app, 'SELECT count(*) AS n FROM archive_loan WHERE returned_at IS NULL')).toBeGreaterThan(0);
    expect(count(app, "SELECT count(*) AS n FROM archive_item WHERE status = 'out'")).toBe(count(app, 'SELECT count(*) AS n FROM archive_loan WHERE returned_at IS NULL'));
    const today = app.clock.now().toISOString().slice(0, 10);
    expect(count(app, 'SELECT count(*) AS n FROM archive_loan WHERE returned_at IS NULL AND due_on < ?', today)).toBeGreaterThan(0);
    expect(count(app, "SELECT count(DISTINCT event) AS n FROM archive_register")).toBeGreaterThanOrEqual(6);
  });

  it('credits every generated row to the system account, which nobody can sign in as', async () => {
    const system = rows<{ id: string; active: number }>(app, "SELECT id, active FROM staff WHERE username = 'system.demo'")[0]!;
    expect(system.active).toBe(0);
    const actors = rows<{ actor_id: string }>(app, `SELECT DISTINCT actor_id FROM change_log WHERE table_name IN
      ('room', 'occupant', 'fee_item', 'bill', 'receipt', 'complaint_case', 'complaint_event', 'archive_item', 'archive_loan')`);
    expect(actors.map((a) => a.actor_id)).toEqual([system.id]);
    const desk = rows<{ id: string }>(app, "SELECT id FROM staff WHERE username = 'li.xiaomei'")[0]!.id;
    expect(count(app, 'SELECT count(*) AS n FROM change_log WHERE actor_id = ?', desk)).toBe(0);
    // and the change log runs forward in time: each thing happened when it says
    expect(count(app, 'SELECT count(*) AS n FROM change_log a JOIN change_log b ON b.seq = a.seq + 1 WHERE b.at < a.at')).toBe(0);
    expect(app.clock.now().toISOString()).toBe('2026-12-01T01:00:00.000Z'); // the clock is back where it was
  });

  it('signs a move-in for each occupied room, numbered without gaps, and leaves only the schema\'s indexes', async () => {
    const occupied = count(app, 'SELECT count(DISTINCT room_id) AS n FROM occupant WHERE move_out IS NULL');
    const current = "occupant_id IN (SELECT id FROM occupant WHERE move_out IS NULL)";
    expect(count(app, `SELECT count(*) AS n FROM handover WHERE kind = 'move_in' AND status = 'signed' AND ${current}`)).toBe(occupied);
    // numbered without gaps in each year (a room moved out of has its move-in in the year it was signed)
    const numbered = 'SELECT kind, year, min(seq) AS lo, max(seq) AS hi, count(DISTINCT seq) AS n FROM handover GROUP BY kind, year';
    for (const y of rows<{ kind: string; year: number; lo: number; hi: number; n: number }>(app, numbered)) {
      expect([y.kind, y.year, y.lo, y.hi]).toEqual([y.kind, y.year, 1, y.n]);
    }
    expect(count(app, "SELECT count(*) AS n FROM handover h WHERE NOT EXISTS (SELECT 1 FROM change_log c WHERE c.table_name = 'handover' AND c.row_id = h.id)")).toBe(0);
    // the bulk load's own index is gone: the store has exactly a fresh store's indexes
    const indexes = (a: TestApp) => rows<{ name: string }>(a, "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").map((r) => r.name);
    const fresh = await createTestApp();
    expect(indexes(app)).toEqual(indexes(fresh));
  });

  it('leaves move-outs, the desk\'s key register, a shift acknowledged and one waiting, and a transfer list, each signed over its hash', async () => {
    const docs = rows<{ id: string; kind: string; status: string; number: string; canonical: string | null; body_sha256: string | null; signs: number }>(app,
      `SELECT id, kind, status, number, canonical, body_sha256, (SELECT count(*) FROM handover_signature s WHERE s.handover_id = h.id) AS signs
        FROM handover h ORDER BY kind, number`);
    // what was signed is what the hash says, for every signed document
    for (const d of docs.filter((x) => x.status === 'signed')) {
      expect([d.number, createHash('sha256').update(d.canonical!).digest('hex')]).toEqual([d.number, d.body_sha256]);
    }
    const of = (kind: string) => docs.filter((d) => d.kind === kind);
    // move-outs: each after its own signed move-in, keys returned against those handed over (one short), the wall marked
    expect(of('move_out').length).toBe(3);
    const desk = await login(app, 'li.xiaomei', OPTIONS.staffPassword);
    for (const out of of('move_out')) {
      const c = JSON.parse(out.canonical!) as { effects: { moveInNumber: string; checklistChanges: { item: string }[] }; body: { occupantId: string } };
      const moveIn = docs.find((d) => d.number === c.effects.moveInNumber)!;
      const signedIn = JSON.parse(moveIn.canonical!) as { body: { occupant: { id: string } } };
      expect([moveIn.kind, moveIn.status, signedIn.body.occupant.id]).toEqual(['move_in', 'signed', c.body.occupantId]);
      expect(c.effects.checklistChanges.map((x) => x.item)).toEqual(['墙面']);
      expect(out.signs).toBe(2);
      // on screen it is compared with that move-in, though someone else has moved in since
      expect((await ok(app, desk, 'handovers.get', { id: out.id })).compare).toMatchObject({ moveInNumber: c.effects.moveInNumber, changes: [{ item: '墙面' }] });
    }
    const short = of('move_out').map((d) => (JSON.parse(d.canonical!) as { effects: { missingKeys: unknown[] } }).effects.missingKeys);
    expect(short).toContainEqual([{ kind: '入户门', missing: 1 }]);
    // a moved-out room's history reads both forms; the move-in in force is still today's occupant's, so they can move out in turn
    const roomId = rows<{ room_id: string }>(app, 'SELECT room_id FROM handover WHERE id = ?', of('move_out')[0]!.id)[0]!.room_id;
    const history = await ok(app, desk, 'handovers.roomHistory', { roomId });
    expect(history.map((h) => h.kind)).toEqual(expect.arrayContaining(['move_in', 'move_out']));
    const inForce = await lastMove(app.store.db, roomId);
    const livedIn = count(app, 'SELECT count(*) AS n FROM occupant WHERE room_id = ? AND move_out IS NULL', roomId) > 0;
    expect(inForce?.kind ?? 'none').toBe(livedIn ? 'move_in' : 'move_out');
    // the key register: keys at the desk and out, lendings brought back
    const keys = await ok(app, desk, 'handovers.keys', {});
    expect(keys.length).toBe(7);
    expect(keys.filter((k) => k.borrower).map((k) => k.label)).toHaveLength(2);
    expect(count(app, 'SELECT count(*) AS n FROM desk_key_loan WHERE returned_at IS NOT NULL AND returned_at > lent_at')).toBe(7);
    // two shift handovers: one acknowledged by the incoming receptionist, one waiting on both home pages
    expect(of('shift').map((d) => [d.status, d.signs])).toEqual([['signed', 2], ['draft', 0]]);
    expect((await ok(app, desk, 'handovers.pendingShifts', {})).map((p) => p.number)).toEqual([of('shift')[1]!.number]);
    const zhou = await login(app, 'zhou.ting', OPTIONS.staffPassword);
    expect((await ok(app, zhou, 'handovers.pendingShifts', {})).map((p) => [p.number, p.mine])).toEqual([[of('shift')[1]!.number, true]]);
    // the transfer list: four drawn signatures, its catalogue items now in the archive room
    const [transfer] = of('transfer');
    expect([of('transfer').length, transfer!.status, transfer!.signs]).toEqual([1, 'signed', 4]);
    const lines = (JSON.parse(transfer!.canonical!) as { body: { items: { itemId: string | null }[] } }).body.items;
    const items = lines.map((x) => x.itemId).filter((x): x is string => !!x);
    expect(items.length).toBeGreaterThan(0);
    for (const itemId of items) expect((await ok(app, desk, 'handovers.custody', { itemId }))[0]).toMatchObject({ number: transfer!.number, toDept: '公司档案室' });
    // all captured, all credited to the system account
    const system = rows<{ id: string }>(app, "SELECT id FROM staff WHERE username = 'system.demo'")[0]!.id;
    const tables = ['handover', 'handover_signature', 'desk_key', 'desk_key_loan'];
    const names = tables.map((t) => `'${t}'`).join(', ');
    expect(rows(app, `SELECT DISTINCT actor_id FROM change_log WHERE table_name IN (${names})`)).toEqual([{ actor_id: system }]);
    for (const table of tables) {
      const uncaptured = `SELECT count(*) AS n FROM ${table} t
        WHERE NOT EXISTS (SELECT 1 FROM change_log c WHERE c.table_name = '${table}' AND c.row_id = t.id)`;
      expect(count(app, uncaptured)).toBe(0);
    }
  });

  it('names every record its audit trail touches by its business name: a void by its receipt number, a bill by its room', async () => {
    const admin = await login(app, 'admin', ADMIN.password);
    const tables = rows<{ table_name: string }>(app, 'SELECT DISTINCT table_name FROM change_log ORDER BY 1').map((r) => r.table_name);
    expect(tables.length).toBeGreaterThan(30);
    // a security event (a sign-in) has no record to name: its words and its person say it all
    for (const table of tables.filter((t) => t !== 'audit_event')) {
      const page = await ok(app, admin, 'audit.list', { table, limit: 20 });
      expect(page.length, table).toBeGreaterThan(0);
      expect(page.filter((e) => !e.subject).map((e) => `${table} ${e.row_id}`), table).toEqual([]);
    }
    // a receipt's void and lines are named by the receipt's number, a bill by its room, period and item
    const [line] = await ok(app, admin, 'audit.list', { table: 'receipt_line', limit: 1 });
    const number = rows<{ number: string }>(app, 'SELECT r.number FROM receipt r JOIN receipt_line l ON l.receipt_id = r.id WHERE l.id = ?', line!.row_id)[0]!.number;
    expect(line!.subject).toBe(number);
    const [bill] = await ok(app, admin, 'audit.list', { table: 'bill', limit: 1 });
    const named = rows<{ name: string }>(app, `SELECT r.code || ' ' || b.period || ' ' || f.name AS name FROM bill b JOIN room r ON r.id = b.room_id
      JOIN fee_item f ON f.id = b.item_id WHERE b.id = ?`, bill!.row_id)[0]!.name;
    expect(bill!.subject).toBe(named);
    // the first page, read through its prepared statement, names the same way as a filtered one
    const newest = await ok(app, admin, 'audit.list', {});
    const same = await ok(app, admin, 'audit.list', { from: '2000-01-01' });
    expect(newest.map((e) => [e.seq, e.subject])).toEqual(same.slice(0, 50).map((e) => [e.seq, e.subject]));
  });

  it('is the same year for the same seed', async () => {
    const again = await createTestApp();
    await generateDemo(again, OPTIONS);
    const content = (a: TestApp) => [
      rows(a, 'SELECT r.number, r.total, r.day, r.payer, m.code FROM receipt r JOIN room m ON m.id = r.room_id ORDER BY r.number'),
      rows(a, 'SELECT case_no, stage, received_at, room_code, matter, due_at FROM complaint_case ORDER BY case_no'),
      rows(a, 'SELECT i.ref_code, i.title, i.box, i.status, l.due_on FROM archive_item i LEFT JOIN archive_loan l ON l.item_id = i.id ORDER BY i.ref_code, l.lent_at'),
      rows(a, `SELECT h.number, h.status, r.code, h.signed_at FROM handover h LEFT JOIN room r ON r.id = h.room_id WHERE h.kind <> 'move_in'
        OR h.occupant_id IN (SELECT id FROM occupant WHERE move_out IS NOT NULL) ORDER BY h.number`),
      rows(a, 'SELECT k.label, l.borrower, l.lent_at, l.returned_at FROM desk_key k LEFT JOIN desk_key_loan l ON l.key_id = k.id ORDER BY k.label, l.lent_at'),
    ];
    expect(content(again)).toEqual(content(app));
  }, 240_000);
});

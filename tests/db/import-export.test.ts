import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../db/registry/export.js';
import type { ApplyResult } from '../../db/registry/import/import.js';
import { addStaff, cleanup, createTestApp, ok, refused, rows, setupSite, snapshotStore, type TestApp, type TestStaff } from '../helpers/app.js';
import { download, LEDGER_HEADER, ledgerRows, readBack, residentId, runJob, upload, xlsx } from '../helpers/ledger.js';

/**
 * The registry back to Excel: rooms with their current occupants on sheet 1 under the
 * import's own headers, every occupant (history included) on sheet 2, ID numbers masked
 * for roles that may not see them — and the exported file re-imports changing nothing.
 */
let app: TestApp;
let rec: TestStaff;
let sup: TestStaff;
let cashier: TestStaff;

async function importBytes(token: string, name: string, bytes: Buffer): Promise<ApplyResult> {
  const uploadId = await upload(app, token, name, bytes);
  const ins = await ok(app, token, 'registry.import.inspect', { uploadId });
  const s = await runJob(app, token, 'registry.import.apply', { uploadId, sheet: ins.sheet, headerRow: ins.headerRow, mapping: ins.suggestion });
  if (s.state !== 'done') throw new Error(`apply ${s.state}: ${s.error?.message['en-US']}`);
  return s.result as ApplyResult;
}

async function exportAs(token: string, locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const s = await runJob(app, token, 'registry.export', { locale });
  expect(s.state).toBe('done');
  const r = s.result as ExportResult;
  const file = await download(app, token, r.fileId);
  return { result: r, bytes: file.bytes, sheets: await readBack(file.bytes) };
}

beforeEach(async () => {
  app = await createTestApp();
  const admin = await setupSite(app);
  rec = await addStaff(app, admin, { username: 'rec', role: 'receptionist' });
  sup = await addStaff(app, admin, { username: 'sup', role: 'supervisor' });
  cashier = await addStaff(app, admin, { username: 'cash', role: 'cashier' });
  await importBytes(rec.token, 'ledger.xlsx', await xlsx([LEDGER_HEADER, ...ledgerRows(25)]));
  // history: 1-1-101's owner moves out and a new one moves in; 1-1-102 gets a second owner
  const r101 = rows<{ id: string }>(app, "SELECT id FROM room WHERE code = '1-1-101'")[0]!.id;
  const old = rows<{ id: string }>(app, 'SELECT id FROM occupant WHERE room_id = ?', r101)[0]!.id;
  await ok(app, rec.token, 'registry.moveOut', { id: old, date: '2026-06-30' });
  await ok(app, rec.token, 'registry.saveOccupant', { roomId: r101, kind: 'owner', name: '赵新', phone: '13612345678', moveIn: '2026-07-01' });
  const r102 = rows<{ id: string }>(app, "SELECT id FROM room WHERE code = '1-1-102'")[0]!.id;
  await ok(app, rec.token, 'registry.saveOccupant', { roomId: r102, kind: 'owner', name: '李伟妻', phone: '13612340000' });
});
afterAll(cleanup);

describe('export', () => {
  it('writes rooms with current occupants under the import\'s headers, and every occupant with history on a second sheet', async () => {
    const { result, sheets } = await exportAs(sup.token);
    expect(result).toMatchObject({ name: '房屋登记-HZ-01-2026-12-01.xlsx', rooms: 25, occupants: 25 + 2 + 2 + 1 });
    expect(sheets.map((s) => s.name)).toEqual(['房屋', '住户（含历史）']);
    const [roomsSheet, people] = sheets;
    expect(roomsSheet!.rows[0]).toEqual(['房屋编号', '楼栋', '单元', '房号', '建筑面积', '用途', '状态', '业主姓名', '业主电话', '证件类型', '证件号码', '入住日期', '租户姓名', '租户电话', '备注', '其他住户（不导入）']);
    expect(roomsSheet!.rows).toHaveLength(26);
    expect(roomsSheet!.rows[1]!.slice(0, 12)).toEqual(['1-1-101', '1', '1', '101', 89.5, '住宅', '入住', '赵新', '13612345678', undefined, undefined, '2026-07-01']); // empty cells read back as undefined
    expect(roomsSheet!.rows[2]!.slice(7, 11)).toEqual(['李伟', '13900000001', '身份证', residentId(1)]); // a supervisor sees IDs in full
    expect(roomsSheet!.rows[2]![15]).toBe('李伟妻（业主）');
    expect(roomsSheet!.rows[4]!.slice(12, 14)).toEqual(['徐伟', '13700000003']); // the tenant of 1-1-104
    const moved = people!.rows.find((r) => r[2] === '王伟')!;
    expect(moved).toEqual(['1-1-101', '业主', '王伟', '13900000000', undefined, '身份证', residentId(0), '2019-01-01', '2026-06-30']);
  });

  it('masks ID numbers for a role that may not see them; cashiers may export (they read the registry)', async () => {
    const { sheets } = await exportAs(cashier.token);
    expect(sheets[0]!.rows[2]![10]).toBe(`440${'*'.repeat(11)}${residentId(1).slice(-4)}`);
    expect(sheets[1]!.rows.some((r) => r.includes(residentId(1)))).toBe(false);
  });

  it('the exported workbook re-imports changing nothing — full IDs, masked IDs, and in English', async () => {
    for (const [who, locale] of [[sup, 'zh-CN'], [rec, 'zh-CN'], [sup, 'en-US']] as const) {
      const { bytes } = await exportAs(who.token, locale);
      const before = snapshotStore(app);
      const r = await importBytes(rec.token, `export-${locale}.xlsx`, bytes);
      expect(r.counts, `${who.username} ${locale}`).toMatchObject({ rows: 25, roomsNew: 0, roomsChanged: 0, occupantsNew: 0, occupantsChanged: 0 });
      expect(snapshotStore(app)).toEqual(before);
    }
  });

  it('an English export speaks English', async () => {
    const { result, sheets } = await exportAs(sup.token, 'en-US');
    expect(result.name).toBe('registry-HZ-01-2026-12-01.xlsx');
    expect(sheets[0]!.rows[0]!.slice(0, 8)).toEqual(['Room code', 'Building', 'Unit', 'Room', 'Area (m²)', 'Usage', 'State', 'Owner']);
    expect(sheets[0]!.rows[2]!.slice(5, 10)).toEqual(['residential', 'occupied', '李伟', '13900000001', 'resident ID']);
  });

  it('the export file belongs to whoever made it', async () => {
    const s = await runJob(app, sup.token, 'registry.export', { locale: 'zh-CN' });
    const { fileId } = s.result as ExportResult;
    expect((await refused(app, rec.token, 'files.downloadChunk', { fileId, index: 0 })).code).toBe('files.not_found');
  });
});

import type ExcelJS from 'exceljs';
import { excel } from '../files/excel.js';
import { sql } from 'kysely';
import { rm } from 'node:fs/promises';
import type { OpContext } from '../api/op.js';
import { requireSession, requireSite } from '../api/op.js';
import { newDownloadPath, registerDownload } from '../files/files.js';
import type { Locale } from '../i18n/errors.js';
import { siteDay } from '../time/site-time.js';
import { startJob } from '../jobs/jobs.js';
import { FIELD_LABELS, ID_TYPE_TEXT, STATE_TEXT, USAGE_TEXT, type ImportField } from './import/fields.js';
import { XLSX_TYPE } from './import/report.js';
import { sheetWords } from '../i18n/sheets.js';
import { formatArea, maskIdNumber } from './rules.js';
import { inertRow } from '../files/inert-cells.js';

/**
 * The registry back to Excel. Sheet 1 has one row per room with its current owner and
 * tenant, under exactly the headers and words the import recognises: the file re-imports
 * as it is, changing nothing. A room with more than one current owner or tenant lists the
 * others in a last column the import does not read. Sheet 2 lists every occupant, past
 * ones included (the history). ID numbers are masked unless the caller's role may see
 * them; a masked number re-imports as "keep what is there".
 */
const ROOM_COLUMNS: ImportField[] = ['code', 'building', 'unit', 'roomNo', 'area', 'usage', 'state', 'ownerName', 'ownerPhone', 'idType', 'idNumber', 'moveIn', 'tenantName', 'tenantPhone', 'remarks'];

const WORDS = sheetWords.registryExport;

const lang = (l: Locale) => (l === 'zh-CN' ? 'zh' : 'en');

export interface ExportResult {
  fileId: string;
  name: string;
  size: number;
  rooms: number;
  occupants: number;
}

export function startExport(ctx: OpContext, i: { locale: Locale }): { jobId: string } {
  const session = requireSession(ctx);
  const siteId = requireSite(ctx);
  const store = ctx.store;
  const fullIds = ctx.settings.idFullRoles.includes(session.role);
  const today = siteDay(ctx.now, ctx.settings.utcOffsetMinutes);
  return startJob(ctx, 'registry.export', async (job): Promise<ExportResult> => {
    job.progress(0, 0, 'reading');
    // One short read transaction: a consistent picture, without holding the store while the file is written.
    const { site, rooms, people } = await store.db.transaction().execute(async (trx) => ({
      site: await trx.selectFrom('site').select(['code']).where('id', '=', siteId).executeTakeFirst(),
      rooms: await trx.selectFrom('room as r').innerJoin('building as b', 'b.id', 'r.building_id').leftJoin('unit as u', 'u.id', 'r.unit_id')
        .select(['r.id', 'r.code', 'r.room_no', 'r.area_centi', 'r.usage', 'r.state', 'r.remarks', 'b.code as building', 'u.code as unit'])
        .where('r.site_id', '=', siteId)
        .orderBy(sql`length(b.code)`).orderBy('b.code').orderBy(sql`length(u.code)`).orderBy('u.code').orderBy(sql`length(r.room_no)`).orderBy('r.room_no')
        .execute(),
      people: await trx.selectFrom('occupant').select(['room_id', 'kind', 'name', 'phone', 'phone2', 'id_type', 'id_number', 'move_in', 'move_out', 'remarks'])
        .where('site_id', '=', siteId).orderBy('created_at').orderBy('id').execute(),
    }));
    await job.checkpoint();

    const w = WORDS[i.locale];
    const L = lang(i.locale);
    const current = new Map<string, typeof people>();
    for (const p of people) if (!p.move_out) current.set(p.room_id, [...(current.get(p.room_id) ?? []), p]);
    const id = (n: string) => (fullIds ? n : maskIdNumber(n));
    const phones = (p: { phone: string; phone2: string }) => [p.phone, p.phone2].filter(Boolean).join('/');

    const { id: fileId, path } = newDownloadPath(store, 'xlsx');
    try {
      const wb = new (await excel()).stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
      const sheet = wb.addWorksheet(w.rooms, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = [...ROOM_COLUMNS.map((f) => ({ width: f === 'idNumber' ? 22 : f === 'ownerPhone' || f === 'tenantPhone' ? 26 : 12 })), { width: 30 }];
      const head = sheet.addRow([...ROOM_COLUMNS.map((f) => FIELD_LABELS[f][L]), w.others]);
      head.font = { bold: true };
      head.commit();
      const total = rooms.length + people.length;
      job.progress(0, total, 'writing');
      let done = 0;
      for (const r of rooms) {
        const here = current.get(r.id) ?? [];
        const owner = here.find((p) => p.kind === 'owner');
        const tenant = here.find((p) => p.kind === 'tenant');
        const others = here.filter((p) => p !== owner && p !== tenant).map((p) => `${p.name}（${w[p.kind]}）`).join('、');
        const row = sheet.addRow(inertRow([
          r.code, r.building, r.unit ?? '', r.room_no, Number(formatArea(r.area_centi)), USAGE_TEXT[r.usage][L], STATE_TEXT[r.state][L],
          owner?.name ?? '', owner ? phones(owner) : '', owner && owner.id_number ? ID_TYPE_TEXT[owner.id_type][L] : '', owner ? id(owner.id_number) : '', owner?.move_in ?? '',
          tenant?.name ?? '', tenant ? phones(tenant) : '', r.remarks, others,
        ]));
        row.getCell(5).numFmt = '0.00';
        row.commit();
        if (++done % 500 === 0) {
          job.progress(done);
          await job.checkpoint();
        }
      }
      sheet.commit();

      const codes = new Map(rooms.map((r) => [r.id, r.code]));
      const hist = wb.addWorksheet(w.people, { views: [{ state: 'frozen', ySplit: 1 }] });
      hist.columns = [{ width: 12 }, { width: 8 }, { width: 12 }, { width: 14 }, { width: 14 }, { width: 12 }, { width: 22 }, { width: 12 }, { width: 12 }, { width: 24 }];
      const h2 = hist.addRow([FIELD_LABELS.code[L], w.kind, w.name, w.phone, w.phone2, FIELD_LABELS.idType[L], FIELD_LABELS.idNumber[L], FIELD_LABELS.moveIn[L], w.moveOut, w.remarks]);
      h2.font = { bold: true };
      h2.commit();
      const byRoom = [...people].sort((a, b) => (codes.get(a.room_id) ?? '').localeCompare(codes.get(b.room_id) ?? '', 'en', { numeric: true }));
      for (const p of byRoom) {
        hist.addRow(inertRow([codes.get(p.room_id) ?? '', w[p.kind], p.name, p.phone, p.phone2, p.id_number ? ID_TYPE_TEXT[p.id_type][L] : '', id(p.id_number), p.move_in ?? '', p.move_out ?? '', p.remarks])).commit();
        if (++done % 500 === 0) {
          job.progress(done);
          await job.checkpoint();
        }
      }
      hist.commit();
      await wb.commit();
      const name = `${w.file}-${site?.code ?? 'site'}-${today}.xlsx`;
      const file = await registerDownload(store, job.owner, { id: fileId, path, name, type: XLSX_TYPE });
      job.progress(total, total, 'done');
      return { ...file, rooms: rooms.length, occupants: people.length };
    } catch (e) {
      await rm(path, { force: true }).catch(() => undefined); // cancelled or failed: no half-written file left behind
      throw e;
    }
  });
}

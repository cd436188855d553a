import type ExcelJS from 'exceljs';
import { excel } from '../../files/excel.js';
import { sql } from 'kysely';
import { rm } from 'node:fs/promises';
import type { OpContext } from '../../api/op.js';
import { requireSite } from '../../api/op.js';
import { AppError } from '../../errors.js';
import { newDownloadPath, registerDownload } from '../../files/files.js';
import type { Locale } from '../../i18n/errors.js';
import { startJob } from '../../jobs/jobs.js';
import { XLSX_TYPE } from '../../registry/import/report.js';
import { loadMeterItems, METERS, WITHDRAWN } from '../meter-rules.js';
import type { MeterKind } from '../tables.js';
import { sheetWords } from '../../i18n/sheets.js';
import { METER_FIELD_LABELS, METER_TEXT } from './fields.js';
import { inertRow } from '../../files/inert-cells.js';

/**
 * The reader's sheet for a period (抄表单): one row per room and meter the room is billed by
 * (an active metered item for its usage, or readings already taken), with the last reading
 * before the period and an empty column for the new one. Its headers and words are the
 * import's own, and it names the period in every row: filled in, it re-imports as it is.
 * A meter already read for the period shows that reading (a re-import says so and adds nothing).
 */
const WORDS = sheetWords.meterSheet;

export interface MeterSheetResult {
  fileId: string;
  name: string;
  size: number;
  rows: number;
}

export function startMeterSheet(ctx: OpContext, i: { period: string; meter?: MeterKind; locale: Locale }): { jobId: string } {
  const siteId = requireSite(ctx);
  const store = ctx.store;
  return startJob(ctx, 'fees.meters.export', async (job): Promise<MeterSheetResult> => {
    job.progress(0, 0, 'reading');
    // one short read transaction: a consistent picture, without holding the store while the file is written
    const { items, rooms, before: earlier, taken } = await store.db.transaction().execute(async (trx) => ({
      items: await loadMeterItems(trx, siteId, i.meter),
      rooms: await trx.selectFrom('room as r').innerJoin('building as b', 'b.id', 'r.building_id').leftJoin('unit as u', 'u.id', 'r.unit_id')
        .select(['r.id', 'r.code', 'r.usage'])
        .where('r.site_id', '=', siteId)
        .orderBy(sql`length(b.code)`).orderBy('b.code').orderBy(sql`length(u.code)`).orderBy('u.code').orderBy(sql`length(r.room_no)`).orderBy('r.room_no')
        .execute(),
      // per meter: the last reading before the period (SQLite gives a bare column from the row
      // holding max(), so one pass over the readings), and the period's own if taken
      before: (await sql<{ room_id: string; meter: MeterKind; period: string; reading_centi: number }>`SELECT room_id, meter, max(period) AS period, reading_centi
        FROM meter_reading WHERE site_id = ${siteId} AND period < ${i.period} AND NOT ${WITHDRAWN} GROUP BY room_id, meter`.execute(trx)).rows,
      taken: await trx.selectFrom('meter_reading').select(['room_id', 'meter', 'period', 'reading_centi']).where('site_id', '=', siteId).where('period', '=', i.period).where('kind', '=', 'periodic').execute(),
    }));
    const meters = METERS.filter((m) => !i.meter || m === i.meter);
    if (!items.length && !earlier.length && !taken.length) throw new AppError('fees.meters.no_meters');
    await job.checkpoint();

    const last = new Map<string, { period: string; reading: number }>();
    const current = new Map<string, number>();
    for (const r of earlier) last.set(`${r.room_id}\u0000${r.meter}`, { period: r.period, reading: r.reading_centi });
    for (const r of taken) current.set(`${r.room_id}\u0000${r.meter}`, r.reading_centi);
    const billed = (usage: string, m: MeterKind) => items.some((it) => it.meter === m && (it.applies_to === 'all' || it.applies_to === usage));

    const w = WORDS[i.locale];
    const L = i.locale === 'zh-CN' ? 'zh' : 'en';
    const { id, path } = newDownloadPath(store, 'xlsx');
    try {
      const wb = new (await excel()).stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
      const sheet = wb.addWorksheet(w.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = [{ width: 12 }, { width: 8 }, { width: 10 }, { width: 10 }, { width: 12 }, { width: 12 }, { width: 12 }];
      const head = sheet.addRow([METER_FIELD_LABELS.code[L], METER_FIELD_LABELS.meter[L], METER_FIELD_LABELS.period[L], w.lastPeriod, w.last, METER_FIELD_LABELS.reading[L], METER_FIELD_LABELS.readOn[L]]);
      head.font = { bold: true };
      head.commit();
      job.progress(0, rooms.length, 'writing');
      let n = 0;
      let done = 0;
      for (const r of rooms) {
        for (const m of meters) {
          const k = `${r.id}\u0000${m}`;
          if (!billed(r.usage, m) && !last.has(k) && !current.has(k)) continue;
          const before = last.get(k);
          const now = current.get(k);
          const row = sheet.addRow(inertRow([r.code, METER_TEXT[m][L], i.period, before?.period ?? '', before ? before.reading / 100 : null, now === undefined ? null : now / 100, null]));
          row.getCell(5).numFmt = '0.00';
          row.getCell(6).numFmt = '0.00';
          row.getCell(7).numFmt = 'yyyy-mm-dd';
          row.commit();
          n++;
        }
        if (++done % 1000 === 0) {
          job.progress(done);
          await job.checkpoint();
        }
      }
      sheet.commit();
      await wb.commit();
      const file = await registerDownload(store, job.owner, { id, path, name: `${w.file}-${i.period}${i.meter ? `-${METER_TEXT[i.meter][L]}` : ''}.xlsx`, type: XLSX_TYPE });
      job.progress(rooms.length, rooms.length, 'done');
      return { ...file, rows: n };
    } catch (e) {
      await rm(path, { force: true }).catch(() => undefined); // cancelled or failed: no half-written file left behind
      throw e;
    }
  });
}

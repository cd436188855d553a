import type ExcelJS from 'exceljs';
import { excel } from '../../files/excel.js';
import type { OpContext } from '../../api/op.js';
import { requireSession } from '../../api/op.js';
import { newDownloadPath, registerDownload } from '../../files/files.js';
import type { Locale } from '../../i18n/errors.js';
import { sheetWords } from '../../i18n/sheets.js';
import { FIELD_LABELS, ID_TYPE_TEXT, IMPORT_FIELDS, STATE_TEXT, USAGE_TEXT } from './fields.js';
import { XLSX_TYPE } from './report.js';

/**
 * The import template: a workbook with the ledger's headers exactly as the import reads
 * them (so it maps itself), two example rows to overwrite, and a second sheet listing the
 * words the 用途, 状态 and 证件类型 columns take. A newcomer fills it and imports it.
 */
export async function writeImportTemplate(ctx: OpContext, locale: Locale): Promise<{ fileId: string; name: string; size: number }> {
  const session = requireSession(ctx);
  const w = sheetWords.registryTemplate[locale];
  const L = locale === 'zh-CN' ? 'zh' : 'en';
  const wb = new (await excel()).Workbook();
  const sheet = wb.addWorksheet(w.rooms, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = IMPORT_FIELDS.map((f) => ({ width: f === 'idNumber' ? 22 : f === 'remarks' ? 24 : 13 }));
  sheet.addRow(IMPORT_FIELDS.map((f) => FIELD_LABELS[f][L])).font = { bold: true };
  const example = (e: Record<string, string | number>) => sheet.addRow(IMPORT_FIELDS.map((f) => e[f] ?? ''));
  example({
    code: '1-1-101', building: '1', unit: '1', roomNo: '101', area: 89.5, usage: USAGE_TEXT.residential[L], state: STATE_TEXT.occupied[L],
    ownerName: w.exampleOwner, ownerPhone: '13800138000', idType: ID_TYPE_TEXT.resident_id[L], idNumber: '110101199003074514', moveIn: '2020-06-18', remarks: w.exampleRemarks,
  });
  example({ code: 'S-101', building: 'S', roomNo: '101', area: 45, usage: USAGE_TEXT.shop[L], state: STATE_TEXT.vacant[L] });
  const help = wb.addWorksheet(w.help);
  help.columns = [{ width: 16 }, { width: 70 }];
  help.addRow([w.column, w.takes]).font = { bold: true };
  help.addRow([FIELD_LABELS.usage[L], Object.values(USAGE_TEXT).map((t) => t[L]).join(' / ')]);
  help.addRow([FIELD_LABELS.state[L], Object.values(STATE_TEXT).map((t) => t[L]).join(' / ')]);
  help.addRow([FIELD_LABELS.idType[L], Object.values(ID_TYPE_TEXT).map((t) => t[L]).filter(Boolean).join(' / ')]);
  help.addRow([FIELD_LABELS.code[L], w.codeHelp]);
  help.addRow([FIELD_LABELS.moveIn[L], w.dateHelp]);
  const { id, path } = newDownloadPath(ctx.store, 'xlsx');
  await wb.xlsx.writeFile(path);
  return registerDownload(ctx.store, session.token, { id, path, name: `${w.file}.xlsx`, type: XLSX_TYPE });
}

import ExcelJS from 'exceljs';
import type { OpContext } from '../api/op.js';
import { requireSession } from '../api/op.js';
import { newDownloadPath, registerDownload } from '../files/files.js';
import type { Locale } from '../i18n/errors.js';
import { XLSX_TYPE } from '../registry/import/report.js';
import type { statistics } from './stats.js';
import { inertRow } from '../files/inert-cells.js';

type Stats = Awaited<ReturnType<typeof statistics>>;

const WORDS = {
  'zh-CN': {
    title: '投诉报修统计', summary: '汇总', item: '项目', value: '数值', count: '件数', day: '日期', perDay: '每日受理',
    total: '受理总数', open: '未结', closed: '已结案', onTime: '按时答复', late: '超时', rate: '及时率', avg: '平均结案用时（小时）',
    sat: '平均满意度', rated: '已回访', reopened: '重开案件', reopenings: '重开次数', invalid: '无效投诉',
    byKind: '按类型', byCategory: '按类别', bySeverity: '按程度', byChannel: '按来源', byDepartment: '按部门',
    kind: { complaint: '投诉', repair: '报修', suggestion: '建议', enquiry: '咨询' },
    severity: { ordinary: '普通', urgent: '紧急·重大' },
    channel: { visit: '来人', phone: '来电', letter: '来函', other: '其它' },
    department: { customer_service: '客服中心', engineering: '工程部', security: '秩序维护部', cleaning: '保洁部', landscaping: '绿化部', other: '其他部门', none: '未派工' },
  },
  'en-US': {
    title: 'Complaint statistics', summary: 'Summary', item: 'Item', value: 'Value', count: 'Cases', day: 'Date', perDay: 'Per day',
    total: 'Cases received', open: 'Open', closed: 'Closed', onTime: 'Answered on time', late: 'Late', rate: 'On-time rate', avg: 'Average time to close (hours)',
    sat: 'Average satisfaction', rated: 'Followed up', reopened: 'Reopened cases', reopenings: 'Reopenings', invalid: 'Invalid complaints',
    byKind: 'By kind', byCategory: 'By category', bySeverity: 'By severity', byChannel: 'By channel', byDepartment: 'By department',
    kind: { complaint: 'Complaint', repair: 'Repair', suggestion: 'Suggestion', enquiry: 'Enquiry' },
    severity: { ordinary: 'Ordinary', urgent: 'Urgent / serious' },
    channel: { visit: 'In person', phone: 'Phone', letter: 'Letter', other: 'Other' },
    department: { customer_service: 'Customer service', engineering: 'Engineering', security: 'Security', cleaning: 'Cleaning', landscaping: 'Landscaping', other: 'Another department', none: 'Not dispatched' },
  },
} as const;

/** The period's statistics as a workbook: a summary sheet, one per grouping, and the days. Small, so written at once (no job). */
export async function exportStats(ctx: OpContext, s: Stats, locale: Locale) {
  const w = WORDS[locale];
  const book = new ExcelJS.Workbook();
  const summary = book.addWorksheet(w.summary);
  summary.columns = [{ header: w.item, width: 28 }, { header: w.value, width: 16 }];
  summary.addRows([
    [w.title, `${s.from} – ${s.to}`], [w.total, s.total], [w.open, s.open], [w.closed, s.closed], [w.onTime, s.onTime], [w.late, s.late],
    [w.rate, s.onTimeRate === null ? '' : Math.round(s.onTimeRate * 1000) / 10 + '%'], [w.avg, s.avgCloseMinutes === null ? '' : Math.round(s.avgCloseMinutes / 6) / 10],
    [w.sat, s.satisfaction ?? ''], [w.rated, s.rated], [w.reopened, s.reopenedCases], [w.reopenings, s.reopenings], [w.invalid, s.invalid],
  ]);
  const name = (group: string, key: string): string => {
    if (group === 'byCategory') {
      const c = s.categories.find((k) => k.code === key);
      return c ? (locale === 'en-US' ? c.name_en : c.name_zh) : key;
    }
    const table = { byKind: w.kind, bySeverity: w.severity, byChannel: w.channel, byDepartment: w.department }[group] as Record<string, string>;
    return table[key] ?? key;
  };
  for (const group of ['byKind', 'byCategory', 'bySeverity', 'byChannel', 'byDepartment'] as const) {
    const sheet = book.addWorksheet(w[group]);
    sheet.columns = [{ header: w[group], width: 22 }, { header: w.count, width: 10 }];
    sheet.addRows(s[group].map((g) => inertRow([name(group, g.key), g.n])));
  }
  const days = book.addWorksheet(w.perDay);
  days.columns = [{ header: w.day, width: 14 }, { header: w.count, width: 10 }];
  days.addRows(s.perDay.map((d) => [d.day, d.n]));
  for (const sheet of book.worksheets) sheet.getRow(1).font = { bold: true };

  const { id, path } = newDownloadPath(ctx.store, 'xlsx');
  await book.xlsx.writeFile(path);
  return registerDownload(ctx.store, requireSession(ctx).token, { id, path, name: `${w.title} ${s.from}_${s.to}.xlsx`, type: XLSX_TYPE });
}

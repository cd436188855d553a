import type { ArchiveForm, ArchiveRetention } from '../archives/tables.js';

/**
 * The columns of an archive catalogue in Excel, with the header words centres use for
 * them: the export writes these headers, so an exported file imports again as it is.
 */
export const ARCHIVE_FIELDS = ['code', 'title', 'year', 'producedOn', 'retention', 'form', 'pieces', 'room', 'cabinet', 'shelf', 'box', 'fondsNo', 'libraryNo', 'remarks'] as const;
export type ArchiveField = (typeof ARCHIVE_FIELDS)[number];
export type ArchiveMapping = Partial<Record<ArchiveField, number>>;

export const ARCHIVE_FIELD_LABELS: Record<ArchiveField, { zh: string; en: string; also: string[] }> = {
  code: { zh: '档号', en: 'Reference code', also: ['分类号', '档案编号', '编号', 'code'] },
  title: { zh: '题名', en: 'Title', also: ['案卷题名', '文件题名', '标题', '名称', 'title'] },
  year: { zh: '年度', en: 'Year', also: ['年份', 'year'] },
  producedOn: { zh: '产生日期', en: 'Date produced', also: ['产生时间', '日期', '形成时间', 'date'] },
  retention: { zh: '保管期限', en: 'Retention', also: ['期限', 'retention'] },
  form: { zh: '实物形式', en: 'Physical form', also: ['载体', '形式', 'form'] },
  pieces: { zh: '页数/件数', en: 'Pages / pieces', also: ['页数', '件数', 'pages'] },
  room: { zh: '档案室', en: 'Room', also: ['存放地点', 'room'] },
  cabinet: { zh: '柜', en: 'Cabinet', also: ['柜号', 'cabinet'] },
  shelf: { zh: '架', en: 'Shelf', also: ['架号', '层', 'shelf'] },
  box: { zh: '盒', en: 'Box', also: ['盒号', 'box'] },
  fondsNo: { zh: '全宗号', en: 'Fonds no.', also: ['fonds'] },
  libraryNo: { zh: '馆编件号', en: 'Archive-library no.', also: ['馆编号'] },
  remarks: { zh: '备注', en: 'Remarks', also: ['说明', 'remarks', 'notes'] },
};

/** A retention period and a physical form as the catalogue's cells write them [zh, en]: the import reads them back. */
export const RETENTION_CELL: Record<ArchiveRetention, readonly [string, string]> = {
  permanent: ['永久', 'permanent'], '30': ['30年', '30 years'], '25': ['25年', '25 years'],
  '15': ['15年', '15 years'], '10': ['10年', '10 years'], '5': ['5年', '5 years'],
};
export const FORM_CELL: Record<ArchiveForm, readonly [string, string]> = {
  paper: ['纸质', 'paper'], photo: ['照片', 'photo'], audio: ['录音', 'audio'],
  video: ['录像', 'video'], disc: ['光盘', 'disc'], object: ['实物', 'object'],
};

const norm = (s: string) => s.replace(/[\s（）()/／:：*＊]/g, '').toLowerCase();

export function archiveFieldFor(header: string): ArchiveField | null {
  const h = norm(header);
  if (!h) return null;
  for (const f of ARCHIVE_FIELDS) {
    const l = ARCHIVE_FIELD_LABELS[f];
    if ([l.zh, l.en, ...l.also].some((w) => norm(w) === h)) return f;
  }
  return null;
}

export function suggestArchiveMapping(headers: readonly string[]): ArchiveMapping {
  const m: ArchiveMapping = {};
  headers.forEach((h, i) => {
    const f = archiveFieldFor(h);
    if (f && m[f] === undefined) m[f] = i + 1;
  });
  return m;
}

const RETENTION_WORDS: Record<string, ArchiveRetention> = { 永久: 'permanent', permanent: 'permanent', '30': '30', '25': '25', '15': '15', '10': '10', '5': '5' };
export function parseRetention(s: string): ArchiveRetention | null {
  const t = s.trim().toLowerCase().replace(/\s*(年|years?|yrs?)$/, '');
  return RETENTION_WORDS[t] ?? null;
}

const FORM_WORDS: Record<string, ArchiveForm> = {
  纸质: 'paper', 纸: 'paper', paper: 'paper', 照片: 'photo', photo: 'photo', 录音: 'audio', 音频: 'audio', audio: 'audio',
  录像: 'video', 视频: 'video', video: 'video', 光盘: 'disc', disc: 'disc', 实物: 'object', object: 'object',
};
export function parseForm(s: string): ArchiveForm | null {
  return FORM_WORDS[s.trim().toLowerCase()] ?? null;
}

import type { IdType, RoomState, RoomUsage } from '../../registry/tables.js';

/**
 * What a ledger column can mean, the headers service centres actually write for it, and
 * the words they use in the cells (用途, 状态, 证件类型). The export writes exactly these
 * headers and words, so an exported workbook re-imports with no mapping work.
 */
export const IMPORT_FIELDS = [
  'code', 'building', 'unit', 'roomNo', 'area', 'usage', 'state',
  'ownerName', 'ownerPhone', 'idType', 'idNumber', 'moveIn',
  'tenantName', 'tenantPhone', 'remarks',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Labels in both languages; the first Chinese and first English header are what the export writes. */
export const FIELD_LABELS: Record<ImportField, { zh: string; en: string }> = {
  code: { zh: '房屋编号', en: 'Room code' },
  building: { zh: '楼栋', en: 'Building' },
  unit: { zh: '单元', en: 'Unit' },
  roomNo: { zh: '房号', en: 'Room' },
  area: { zh: '建筑面积', en: 'Area (m²)' },
  usage: { zh: '用途', en: 'Usage' },
  state: { zh: '状态', en: 'State' },
  remarks: { zh: '备注', en: 'Remarks' },
  ownerName: { zh: '业主姓名', en: 'Owner' },
  ownerPhone: { zh: '业主电话', en: 'Owner phone' },
  idType: { zh: '证件类型', en: 'ID type' },
  idNumber: { zh: '证件号码', en: 'ID number' },
  moveIn: { zh: '入住日期', en: 'Move-in date' },
  tenantName: { zh: '租户姓名', en: 'Tenant' },
  tenantPhone: { zh: '租户电话', en: 'Tenant phone' },
};

/** Exact header words (after normalising: no spaces, units or punctuation; lower case). */
const SYNONYMS: Record<ImportField, string[]> = {
  code: ['房屋编号', '房屋编码', '房产编号', '房间编号', '房屋代码', '房号编码', '完整房号', '户号', '房屋', 'roomcode', 'code', 'room code'],
  building: ['楼栋', '栋号', '楼号', '栋', '幢', '幢号', '楼栋号', '楼宇', '楼栋名称', '楼座', '座', 'building', 'bldg'],
  unit: ['单元', '单元号', '单元名称', 'unit'],
  roomNo: ['房号', '房间', '房间号', '室号', '门牌号', '户室号', '室', 'room', 'roomno', 'room no'],
  area: ['面积', '建筑面积', '房屋面积', '产权面积', '计费面积', '收费面积', 'area', 'aream²', 'aream2'],
  usage: ['用途', '房屋用途', '房屋类型', '类型', '物业类型', '房屋性质', '性质', 'usage', 'type'],
  state: ['状态', '房屋状态', '入住状态', '使用状态', 'state', 'status'],
  remarks: ['备注', '说明', '备注说明', 'remarks', 'remark', 'notes', 'note'],
  ownerName: ['业主', '业主姓名', '姓名', '户主', '户主姓名', '业主名称', '产权人', '业主名', 'owner', 'ownername', 'name'],
  ownerPhone: ['电话', '手机', '联系电话', '手机号', '手机号码', '电话号码', '业主电话', '业主手机', '联系方式', '业主联系电话', '联系手机', 'phone', 'ownerphone', 'mobile', 'tel'],
  idType: ['证件类型', '证件种类', 'idtype'],
  idNumber: ['身份证号', '身份证', '身份证号码', '证件号码', '证件号', '业主身份证号', 'idnumber', 'id no', 'idno'],
  moveIn: ['入住日期', '交房日期', '入住时间', '收房日期', '交付日期', '入伙日期', '入住', 'moveindate', 'movein'],
  tenantName: ['租户', '租户姓名', '承租人', '承租人姓名', '租客', 'tenant', 'tenantname'],
  tenantPhone: ['租户电话', '租户手机', '承租人电话', '租户联系电话', '租客电话', 'tenantphone'],
};

export function normaliseHeader(h: string): string {
  return h
    .replace(/[（(][^）)]*[）)]/g, '') // units and notes in brackets: 建筑面积(㎡)
    .replace(/[\s*＊:：_\-.·/]/g, '')
    .replace(/(㎡|m²|m2|平方米|平米)$/i, '')
    .toLowerCase();
}

const EXACT = new Map<string, ImportField>();
for (const f of IMPORT_FIELDS) for (const s of SYNONYMS[f]) EXACT.set(normaliseHeader(s), f);

/** The field a header most likely means, or null. Specific words win over general ones. */
export function fieldForHeader(header: string): ImportField | null {
  const h = normaliseHeader(header);
  if (!h) return null;
  const exact = EXACT.get(h);
  if (exact) return exact;
  const tenant = /租户|承租|租客/.test(h);
  const phone = /电话|手机|联系方式|phone|mobile/.test(h);
  if (tenant && phone) return 'tenantPhone';
  if (tenant && /姓名|名称|^租户|^承租人/.test(h)) return 'tenantName';
  if (phone) return 'ownerPhone';
  if (/证件类型|证件种类/.test(h)) return 'idType';
  if (/身份证|证件号/.test(h)) return 'idNumber';
  if (/面积/.test(h)) return 'area';
  if (/(入住|交房|收房|交付|入伙).*(日期|时间)|(日期|时间).*(入住|交房)/.test(h)) return 'moveIn';
  if (/房屋编号|房屋编码|房产编号/.test(h)) return 'code';
  if (/业主|户主|产权人/.test(h) && /姓名|名称|^业主$|^户主$/.test(h)) return 'ownerName';
  if (/^(楼栋|栋|楼号|幢)/.test(h)) return 'building';
  if (/^单元/.test(h)) return 'unit';
  if (/^(房号|房间号|室号|门牌)/.test(h)) return 'roomNo';
  if (/用途|类型/.test(h)) return 'usage';
  if (/状态/.test(h)) return 'state';
  if (/备注/.test(h)) return 'remarks';
  return null;
}

/** Header cells → a suggested field per column (1-based column numbers), each field at most once. */
export function suggestMapping(headers: readonly string[]): Partial<Record<ImportField, number>> {
  const out: Partial<Record<ImportField, number>> = {};
  headers.forEach((h, i) => {
    const f = fieldForHeader(h);
    if (f && out[f] === undefined) out[f] = i + 1;
  });
  return out;
}

const USAGE_WORDS: Record<string, RoomUsage> = {
  住宅: 'residential', 住房: 'residential', 公寓: 'residential', 民用: 'residential', 住: 'residential', residential: 'residential',
  商铺: 'shop', 商业: 'shop', 门面: 'shop', 店铺: 'shop', 商户: 'shop', 底商: 'shop', shop: 'shop',
  办公: 'office', 写字楼: 'office', 办公室: 'office', office: 'office',
  车位: 'parking', 车库: 'parking', 停车位: 'parking', 地下车位: 'parking', parking: 'parking',
  其他: 'other', 其它: 'other', 配套: 'other', 会所: 'other', other: 'other',
};
const STATE_WORDS: Record<string, RoomState> = {
  空置: 'vacant', 空房: 'vacant', 未售: 'vacant', 未交付: 'vacant', vacant: 'vacant',
  已交付: 'delivered', 交付: 'delivered', 已交房: 'delivered', 未入住: 'delivered', delivered: 'delivered',
  装修中: 'decorating', 装修: 'decorating', 在装修: 'decorating', decorating: 'decorating',
  入住: 'occupied', 已入住: 'occupied', 自住: 'occupied', 在住: 'occupied', occupied: 'occupied',
  出租: 'rented', 已出租: 'rented', 出租中: 'rented', 租住: 'rented', rented: 'rented',
};
const ID_TYPE_WORDS: Record<string, IdType> = {
  身份证: 'resident_id', 居民身份证: 'resident_id', 二代身份证: 'resident_id', 二代证: 'resident_id', residentid: 'resident_id', 'resident id': 'resident_id',
  护照: 'passport', passport: 'passport',
  港澳通行证: 'hk_macau', 回乡证: 'hk_macau', 港澳居民来往内地通行证: 'hk_macau', 港澳居民居住证: 'hk_macau', hkmacaupermit: 'hk_macau', 'hk/macau permit': 'hk_macau',
  台胞证: 'taiwan', 台湾居民来往大陆通行证: 'taiwan', 台湾居民居住证: 'taiwan', taiwanpermit: 'taiwan', 'taiwan permit': 'taiwan',
  其他: 'other', 其它: 'other', other: 'other',
};

const word = (s: string) => s.trim().replace(/\s+/g, '').toLowerCase();
const lookup = <T>(table: Record<string, T>, s: string): T | null => table[word(s)] ?? table[s.trim().toLowerCase()] ?? null;
export const parseUsage = (s: string): RoomUsage | null => lookup(USAGE_WORDS, s);
export const parseState = (s: string): RoomState | null => lookup(STATE_WORDS, s);
export const parseIdType = (s: string): IdType | null => (word(s) === '' || word(s) === '无' ? 'none' : lookup(ID_TYPE_WORDS, s));

/** What the export writes in the cells, per locale: words the import reads back. */
export const USAGE_TEXT: Record<RoomUsage, { zh: string; en: string }> = {
  residential: { zh: '住宅', en: 'residential' },
  shop: { zh: '商铺', en: 'shop' },
  office: { zh: '办公', en: 'office' },
  parking: { zh: '车位', en: 'parking' },
  other: { zh: '其他', en: 'other' },
};
export const STATE_TEXT: Record<RoomState, { zh: string; en: string }> = {
  vacant: { zh: '空置', en: 'vacant' },
  delivered: { zh: '已交付', en: 'delivered' },
  decorating: { zh: '装修中', en: 'decorating' },
  occupied: { zh: '入住', en: 'occupied' },
  rented: { zh: '出租', en: 'rented' },
};
export const ID_TYPE_TEXT: Record<IdType, { zh: string; en: string }> = {
  none: { zh: '', en: '' },
  resident_id: { zh: '身份证', en: 'resident ID' },
  passport: { zh: '护照', en: 'passport' },
  hk_macau: { zh: '港澳通行证', en: 'HK/Macau permit' },
  taiwan: { zh: '台胞证', en: 'Taiwan permit' },
  other: { zh: '其他', en: 'other' },
};

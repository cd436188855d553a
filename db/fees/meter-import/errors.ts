/**
 * Refusals of the meter-reading import and export, in both locales; spread into
 * db/i18n/errors.ts so each code is a known ErrorCode.
 */
export const meterImportErrors = {
  'fees.meters.no_reading_column': {
    'zh-CN': '没有对应“本期读数”的列：请把读数所在的列对应到“本期读数”。未做任何改动。',
    'en-US': 'No column is mapped to "New reading": map the column holding the readings to it. Nothing was changed.',
  },
  'fees.meters.no_period': {
    'zh-CN': '文件中没有“账期”列：请在对话框中选择本次抄表的账期。未做任何改动。',
    'en-US': 'The file has no "Period" column: choose the period of these readings in the dialog. Nothing was changed.',
  },
  'fees.meters.nothing_new': {
    'zh-CN': '没有要导入的新读数：{already} 行的读数已录入过（同一房号、表和账期），{invalid} 行有错误，{jumps} 行用量异常未确认。未做任何改动。',
    'en-US': 'There are no new readings to import: {already} row(s) are already recorded (same room, meter and period), {invalid} have errors, {jumps} unusual use(s) are not confirmed. Nothing was changed.',
  },
  'fees.meters.changed': {
    'zh-CN': '检查之后情况有变（检查时可导入 {expected} 条，现在是 {now} 条，可能有人刚录入了读数）。请重新检查后再导入。未做任何改动。',
    'en-US': 'Things changed since the check ({expected} readings could be imported then, {now} now; someone may have just entered readings). Check again, then import. Nothing was changed.',
  },
  'fees.meters.no_meters': {
    'zh-CN': '没有启用的计量收费项目（水、电、燃气），无法生成抄表单：请先在“收费项目”中设置。',
    'en-US': 'There is no active metered fee item (water, electricity, gas), so there is no reading sheet to make: set one under Fee items first.',
  },
  'fees.meters.row.unknown_room': { 'zh-CN': '房号 {code} 不在房屋登记中', 'en-US': 'room {code} is not in the registry' },
  'fees.meters.row.missing_meter': { 'zh-CN': '没有表类（水、电或气）', 'en-US': 'no meter (water, electricity or gas)' },
  'fees.meters.row.bad_meter': { 'zh-CN': '表类“{value}”无法识别（可填：水、电、气）', 'en-US': 'meter "{value}" is not recognised (use: water, electricity, gas)' },
  'fees.meters.row.bad_reading': {
    'zh-CN': '读数“{value}”不是有效读数（非负数，最多 8 位整数、两位小数）',
    'en-US': 'reading "{value}" is not a valid reading (not negative, at most 8 digits and two decimals)',
  },
  'fees.meters.row.bad_period': { 'zh-CN': '账期“{value}”不是有效月份（如 2026-11）', 'en-US': 'period "{value}" is not a valid month (e.g. 2026-11)' },
  'fees.meters.row.bad_date': { 'zh-CN': '抄表日期“{value}”不是有效日期（如 2026-11-25）', 'en-US': 'read-on date "{value}" is not a valid date (e.g. 2026-11-25)' },
  'fees.meters.row.missing_date': { 'zh-CN': '没有抄表日期', 'en-US': 'no read-on date' },
  'fees.meters.row.duplicate': {
    'zh-CN': '房号 {code} 的{meterZh}在文件中出现了不止一次（第 {rows} 行），无法确定哪个读数正确',
    'en-US': 'room {code}\'s {meterEn} appears more than once in the file (rows {rows}): which reading is right cannot be told',
  },
  'fees.meters.row.already': {
    'zh-CN': '房号 {code} 的{meterZh} {period} 读数已录入（{reading}），不再重复导入',
    'en-US': 'room {code}\'s {meterEn} already has its {period} reading ({reading}); it is not imported again',
  },
  'fees.meters.row.jump': {
    'zh-CN': '用量 {use} 远高于平时（约 {usual}），可能抄错：须确认后才导入',
    'en-US': 'use of {use} is far above the usual (about {usual}), possibly a misread: it is imported only once confirmed',
  },
} as const;

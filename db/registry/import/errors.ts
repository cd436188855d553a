/** The spreadsheet import's refusals and row notes, in both locales (spread into db/i18n/errors.ts). */
export const importErrors = {
  'import.not_spreadsheet': {
    'zh-CN': '文件“{name}”不是电子表格：只能导入 Excel 工作簿（.xlsx）或 CSV 文件。未做任何改动。',
    'en-US': 'The file "{name}" is not a spreadsheet: only Excel workbooks (.xlsx) and CSV files can be imported. Nothing was changed.',
  },
  'import.bad_workbook': {
    'zh-CN': '无法读取工作簿“{name}”：文件已损坏，或不是 Excel 工作簿。请用 Excel 或 WPS 打开并另存为 .xlsx 后再导入。未做任何改动。',
    'en-US': 'The workbook "{name}" cannot be read: it is damaged or not an Excel workbook. Open it in Excel or WPS, save it as .xlsx and import that. Nothing was changed.',
  },
  'import.old_xls': {
    'zh-CN': '文件“{name}”是旧版 Excel 格式（.xls）。请用 Excel 或 WPS 打开，另存为 .xlsx 后再导入。未做任何改动。',
    'en-US': 'The file "{name}" is in the old Excel format (.xls). Open it in Excel or WPS, save it as .xlsx and import that. Nothing was changed.',
  },
  'import.html_table': {
    'zh-CN': '文件“{name}”其实是网页格式（很多系统导出的 .xls 是网页）。请用 Excel 或 WPS 打开，另存为 .xlsx 后再导入。未做任何改动。',
    'en-US': 'The file "{name}" is really a web page (many systems export .xls files that way). Open it in Excel or WPS, save it as .xlsx and import that. Nothing was changed.',
  },
  'import.too_many_rows': {
    'zh-CN': '工作表“{sheet}”有 {rows} 行，超过单次导入 {max} 行的上限。请拆分后分批导入。',
    'en-US': 'The sheet "{sheet}" has {rows} rows, more than the {max} one import takes. Split it and import the parts one by one.',
  },
  'import.workbook_too_big': {
    'zh-CN': '工作簿“{name}”的数据量太大，一次导入不了（单次最多约 {max} 行）。请拆分成几个文件分批导入。未做任何改动。',
    'en-US': 'The workbook "{name}" holds too much data to import at once (at most about {max} rows per import). Split it into several files and import them one by one. Nothing was changed.',
  },
  'import.no_sheet': { 'zh-CN': '工作簿中没有名为“{sheet}”的工作表。', 'en-US': 'The workbook has no sheet named "{sheet}".' },
  'import.empty_sheet': { 'zh-CN': '工作表“{sheet}”是空的，没有可导入的数据。', 'en-US': 'The sheet "{sheet}" is empty: there is nothing to import.' },
  'import.bad_header_row': { 'zh-CN': '表头行 {row} 超出了工作表范围（共 {rows} 行）。', 'en-US': 'Header row {row} is past the end of the sheet ({rows} rows).' },
  'import.merged_cells': {
    'zh-CN': '工作表“{sheet}”的数据区有 {count} 处合并单元格（{ranges}）。合并后只有第一格有值，其余行会缺数据：请取消合并、把值填到每一行后再导入。未做任何改动。',
    'en-US': 'The sheet "{sheet}" has {count} merged range(s) among its data ({ranges}). Only the first cell of a merged range holds the value, so the other rows would lose it: unmerge them and fill the value into every row, then import again. Nothing was changed.',
  },
  'import.no_room_column': {
    'zh-CN': '没有哪一列能确定房号：请把“房屋编号”，或“楼栋”{unitZh}和“房号”对应到文件中的列（可能是表头写法不同，或选错了工作表）。未做任何改动。',
    'en-US': 'No column identifies the room: map "Room code", or "Building"{unitEn} and "Room", to columns of the file (the headers may be worded differently, or this is the wrong sheet). Nothing was changed.',
  },
  'import.column_twice': {
    'zh-CN': '第 {column} 列同时对应了“{aZh}”和“{bZh}”，一列只能对应一项。',
    'en-US': 'Column {column} is mapped to both "{aEn}" and "{bEn}"; a column can be mapped to one field only.',
  },
  'import.nothing_valid': {
    'zh-CN': '没有可导入的有效行（{invalid} 行有错误）。请按错误报告修改后再导入。未做任何改动。',
    'en-US': 'There are no valid rows to import ({invalid} rows have errors). Fix them using the error report and import again. Nothing was changed.',
  },
  'import.row_failed': {
    'zh-CN': '第 {row} 行无法写入：{reasonZh} 已全部撤销，未做任何改动。',
    'en-US': 'Row {row} could not be written: {reasonEn} Everything was rolled back; nothing was changed.',
  },
  'import.row.missing_room': { 'zh-CN': '没有房号（房屋编号，或楼栋/单元/房号为空）', 'en-US': 'no room code (the room code, or building/unit/room, is empty)' },
  'import.row.bad_room_code': { 'zh-CN': '房号“{code}”不符合本站点的写法（{patternZh}）', 'en-US': 'room code "{code}" does not fit this site\'s pattern ({patternEn})' },
  'import.row.duplicate_room': { 'zh-CN': '房号 {code} 与第 {row} 行重复', 'en-US': 'room {code} is already on row {row}' },
  'import.row.bad_area': { 'zh-CN': '面积“{value}”不是数字（最多两位小数）', 'en-US': 'area "{value}" is not a number with at most two decimals' },
  'import.row.bad_phone': { 'zh-CN': '{whoZh}电话“{value}”格式不对', 'en-US': '{whoEn} phone "{value}" is malformed' },
  'import.row.too_many_phones': { 'zh-CN': '{whoZh}电话“{value}”超过两个号码', 'en-US': '{whoEn} phone "{value}" holds more than two numbers' },
  'import.row.bad_id_number': { 'zh-CN': '身份证号“{value}”校验不通过（位数或末位校验码不对）', 'en-US': 'resident ID "{value}" fails its check (wrong length or check digit)' },
  'import.row.id_as_number': {
    'zh-CN': '证件号码“{value}”被 Excel 存成了数字，末几位已丢失：请把该列设为文本格式后重新填写',
    'en-US': 'ID number "{value}" was stored by Excel as a number and lost its last digits: format the column as text and type it again',
  },
  'import.row.bad_id_type': {
    'zh-CN': '证件类型“{value}”无法识别（可填：身份证、护照、港澳通行证、台胞证、其他）',
    'en-US': 'ID type "{value}" is not recognised (use: resident ID, passport, HK/Macau permit, Taiwan permit, other)',
  },
  'import.row.bad_usage': {
    'zh-CN': '用途“{value}”无法识别（可填：住宅、商铺、办公、车位、其他）',
    'en-US': 'usage "{value}" is not recognised (use: residential, shop, office, parking, other)',
  },
  'import.row.bad_state': {
    'zh-CN': '状态“{value}”无法识别（可填：空置、已交付、装修中、入住、出租）',
    'en-US': 'state "{value}" is not recognised (use: vacant, delivered, decorating, occupied, rented)',
  },
  'import.row.bad_date': { 'zh-CN': '{fieldZh}“{value}”不是有效日期（如 2024-03-15）', 'en-US': '{fieldEn} "{value}" is not a valid date (e.g. 2024-03-15)' },
  'import.row.too_long': { 'zh-CN': '{fieldZh}超过 {max} 个字', 'en-US': '{fieldEn} is longer than {max} characters' },
  'import.row.info_without_name': { 'zh-CN': '有{whoZh}电话或证件，但没有{whoZh}姓名', 'en-US': 'there is a {whoEn} phone or ID but no {whoEn} name' },
  'import.row.formula_no_value': {
    'zh-CN': '单元格 {cell} 是公式（={formula}），但文件里没有保存计算结果：请用 Excel 或 WPS 打开并保存后再导入',
    'en-US': 'cell {cell} is a formula (={formula}) with no saved result: open the file in Excel or WPS, save it and import again',
  },
  'import.row.formula_error': { 'zh-CN': '单元格 {cell} 的值是错误 {value}', 'en-US': 'cell {cell} holds the error {value}' },
  'import.note.another_occupant': {
    'zh-CN': '{code} 已有{kindZh}{existing}，将再登记一位{kindZh}“{name}”（不会迁出任何人）',
    'en-US': '{code} already has {kindEn} {existing}; "{name}" will be added as another {kindEn} (nobody is moved out)',
  },
  'import.workbook_unsafe': {
    'zh-CN': '工作簿“{name}”的压缩内容异常（某部分解压后远大于正常工作簿，或大于文件自己声明的大小），可能已损坏或被人为构造，未读取。请用 Excel 或 WPS 打开并另存为新的 .xlsx 后再导入。未做任何改动。',
    'en-US': 'The workbook "{name}" is packed abnormally (a part unpacks far larger than any real workbook\'s, or larger than the file itself declares): it may be damaged or built to harm, and was not read. Open it in Excel or WPS, save it as a new .xlsx and import that. Nothing was changed.',
  },
} as const;

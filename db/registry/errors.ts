/** The property registry's refusals, in both locales (spread into db/i18n/errors.ts). */
export const registryErrors = {
  'registry.not_found': { 'zh-CN': '找不到该{whatZh}。', 'en-US': 'No such {whatEn}.' },
  'registry.duplicate_building': { 'zh-CN': '楼栋编号“{code}”已存在。', 'en-US': 'Building "{code}" already exists.' },
  'registry.duplicate_unit': { 'zh-CN': '该楼栋已有单元“{code}”。', 'en-US': 'This building already has unit "{code}".' },
  'registry.duplicate_room': { 'zh-CN': '房号“{code}”已存在，同一房号不能登记两次。', 'en-US': 'Room "{code}" already exists; a room code can be registered only once.' },
  'registry.duplicate_parking': { 'zh-CN': '车位编号“{code}”已存在。', 'en-US': 'Parking space "{code}" already exists.' },
  'registry.bad_room_code': { 'zh-CN': '房号“{code}”不符合本站点的写法（{patternZh}）。', 'en-US': 'Room code "{code}" does not fit this site\'s pattern ({patternEn}).' },
  'registry.unit_required': { 'zh-CN': '本站点房号含单元，请选择单元。', 'en-US': 'This site\'s room codes include a unit: choose one.' },
  'registry.bad_area': { 'zh-CN': '面积“{value}”不是有效数字（最多两位小数）。', 'en-US': 'Area "{value}" is not a number with at most two decimals.' },
  'registry.bad_phone': { 'zh-CN': '电话“{value}”格式不对。', 'en-US': 'Phone number "{value}" is malformed.' },
  'registry.bad_id_number': { 'zh-CN': '身份证号“{value}”校验不通过。', 'en-US': 'Resident ID "{value}" fails its check digit.' },
  'registry.bad_plate': { 'zh-CN': '车牌“{value}”格式不对。', 'en-US': 'Plate "{value}" is malformed.' },
  'registry.moved_out': { 'zh-CN': '该住户已于 {date} 迁出。', 'en-US': 'This occupant moved out on {date}.' },
  'registry.move_out_before_in': { 'zh-CN': '迁出日期不能早于迁入日期（{moveIn}）。', 'en-US': 'The move-out date cannot be before the move-in date ({moveIn}).' },
} as const;

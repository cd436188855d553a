/**
 * Refusals of the archive's second part (scans, requests, loans, appraisal), in both
 * locales; spread into db/i18n/errors.ts so each code is a known ErrorCode.
 */
export const archiveErrors = {
  'archives.scan_type': {
    'zh-CN': '“{name}”不是可接受的扫描件：只能附加 PDF、PNG 或 JPEG 文件。',
    'en-US': '"{name}" is not an accepted scan: only PDF, PNG or JPEG files can be attached.',
  },
  'archives.scan_mismatch': {
    'zh-CN': '“{name}”的内容不是 {ext} 文件（扩展名与实际内容不符），未附加。',
    'en-US': 'The content of "{name}" is not a {ext} file (its extension does not match what it holds); it was not attached.',
  },
  'archives.scan_not_found': { 'zh-CN': '找不到该扫描件。', 'en-US': 'No such scan.' },
  'archives.scan_missing': {
    'zh-CN': '扫描件“{name}”的文件在数据文件夹中找不到了（可能被移动或删除），请从备份恢复。',
    'en-US': 'The file of scan "{name}" is missing from the data folder (moved or deleted?); restore it from a backup.',
  },
  'archives.destroyed': { 'zh-CN': '档案 {code} 已销毁，不能再办理此事项。', 'en-US': 'Item {code} has been destroyed; this cannot be done with it.' },
  'archives.bad_due': { 'zh-CN': '归还日期 {due} 早于今天。', 'en-US': 'The due date {due} is before today.' },
  'archives.due_required': { 'zh-CN': '借阅须填写归还日期。', 'en-US': 'A loan request needs a due date.' },
  'archives.request_not_found': { 'zh-CN': '找不到该审批单。', 'en-US': 'No such request.' },
  'archives.request_decided': { 'zh-CN': '该审批单已{statusZh}，不能再次审批。', 'en-US': 'This request was already {statusEn}; it cannot be decided again.' },
  'archives.request_not_approved': {
    'zh-CN': '审批单尚未批准（当前：{statusZh}），不能办理。',
    'en-US': 'The request is not approved (it is {statusEn}); nothing can be done on it yet.',
  },
  'archives.request_wrong_kind': { 'zh-CN': '该审批单是{kindZh}申请，不能用于{wantZh}。', 'en-US': 'This is a {kindEn} request; it does not cover {wantEn}.' },
  'archives.not_in_request': { 'zh-CN': '档案 {code} 不在该审批单内。', 'en-US': 'Item {code} is not on this request.' },
  'archives.needs_request': {
    'zh-CN': '查阅、借阅、复印档案须有经批准的审批单（服务中心负责人查阅除外）。',
    'en-US': 'Reading, borrowing or copying needs an approved request (only the centre head may read without one).',
  },
  'archives.already_out': {
    'zh-CN': '档案 {code} 已借出（借阅人：{borrower}，应还日期 {due}），不能再借。',
    'en-US': 'Item {code} is already out on loan (to {borrower}, due {due}); it cannot be lent again.',
  },
  'archives.not_lent': { 'zh-CN': '档案 {code} 没有借出记录，无需归还。', 'en-US': 'Item {code} is not out on loan; there is nothing to return.' },
  'archives.not_due': {
    'zh-CN': '档案 {code} 的保管期限未满（{retentionZh}，至 {until} 年底），无需鉴定。',
    'en-US': 'Item {code} is still within its retention period ({retentionEn}, until the end of {until}); it needs no appraisal.',
  },
  'archives.appraisal_pending': { 'zh-CN': '档案 {code} 已有待审批的销毁鉴定。', 'en-US': 'Item {code} already has a destruction appraisal waiting for approval.' },
  'archives.appraisal_not_found': { 'zh-CN': '找不到待审批的销毁鉴定。', 'en-US': 'No destruction appraisal waiting for approval.' },
  'archives.on_loan': { 'zh-CN': '档案 {code} 正在借出，归还后才能鉴定销毁。', 'en-US': 'Item {code} is out on loan; it can be appraised for destruction once returned.' },
  'archives.import_mapping': { 'zh-CN': '请至少为“档号”和“题名”各指定一列。', 'en-US': 'Map a column to "reference code" and to "title" at least.' },
  'archives.row_missing': { 'zh-CN': '缺少{fieldZh}', 'en-US': 'the {fieldEn} is missing' },
  'archives.row_code_short': { 'zh-CN': '档号“{code}”至少要写到三级属类（如 3.4.07）', 'en-US': 'reference code "{code}" must go down to the department (e.g. 3.4.07)' },
  'archives.row_too_long': { 'zh-CN': '{fieldZh}超过 {max} 个字', 'en-US': 'the {fieldEn} is longer than {max} characters' },
  'archives.row_bad_value': { 'zh-CN': '{fieldZh}“{value}”无法识别', 'en-US': '{fieldEn} "{value}" is not recognised' },
  'archives.request_used': {
    'zh-CN': '档案 {code} 已按该审批单借出过一次；再借须重新申请。',
    'en-US': 'Item {code} was already lent once on this request; another loan needs a new request.',
  },
  'archives.unknown_category': { 'zh-CN': '一级类目 {code} 不存在。', 'en-US': 'There is no first-level category {code}.' },
  'archives.unknown_class': {
    'zh-CN': '分类 {code} 不存在（{categoryName}下没有二级属类 {cls}）。',
    'en-US': 'There is no class {code} (category {categoryName} has no class {cls}).',
  },
  'archives.unknown_department': { 'zh-CN': '三级属类（产生部门）{code} 不存在。', 'en-US': 'There is no producing department {code}.' },
  'archives.retired': { 'zh-CN': '{code} 已停用，不能再归入新档案。', 'en-US': '{code} is retired: no new items can be filed under it.' },
  'archives.bad_code': {
    'zh-CN': '档号“{text}”有误：{reasonZh}。正确写法如 3.4.07—12（一级类目.二级属类.三级属类—案卷顺序号）。',
    'en-US': 'Reference code "{text}" is wrong: {reasonEn}. Write it like 3.4.07—12 (category.class.department—sequence).',
  },
  'archives.duplicate_code': { 'zh-CN': '编号 {code} 已存在，不能重复。', 'en-US': 'Code {code} already exists.' },
  'archives.retention_appraised': {
    'zh-CN': '档案 {code} 已经鉴定过，保管期限不能再更正（鉴定依据的是原保管期限）。',
    'en-US': 'Item {code} has been appraised: its retention can no longer be corrected (the appraisal was made on the retention it had).',
  },
  'archives.move_where': { 'zh-CN': '请填写要移到的库房、柜、架或盒。', 'en-US': 'Say where to move them: the room, cabinet, shelf or box.' },
  'archives.nothing_changed': { 'zh-CN': '所填内容与现有记录相同，没有需要更正的地方。', 'en-US': 'What was entered is what the record already says: there is nothing to correct.' },
  'archives.not_found': { 'zh-CN': '找不到该档案。', 'en-US': 'No such archive item.' },
  'archives.restricted': { 'zh-CN': '该档案为限制级，需经审批方可查阅。', 'en-US': 'This item is restricted: reading it needs an approved request.' },
} as const;

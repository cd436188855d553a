/** The complaint ledger's refusals, in both locales (spread into db/i18n/errors.ts). */
export const complaintErrors = {
  'complaints.not_found': { 'zh-CN': '找不到该案件。', 'en-US': 'No such case.' },
  'complaints.unknown_room': { 'zh-CN': '房间不存在：请从房号搜索中选择，或不选房间。', 'en-US': 'No such room: pick one from the room search, or leave the room empty.' },
  'complaints.unknown_category': { 'zh-CN': '类别“{code}”不在本站点的类别表中（或已停用）。', 'en-US': 'Category "{code}" is not in this site\'s list (or is retired).' },
  'complaints.received_future': { 'zh-CN': '受理时间不能晚于现在。', 'en-US': 'The time received cannot be later than now.' },
  'complaints.received_too_early': {
    'zh-CN': '受理时间最多只能早于现在 {minutes} 分钟；更早的来电请现在登记，并在事由中写明实际时间。',
    'en-US': 'The time received may be at most {minutes} minutes ago; log an earlier call now and write the real time in the matter.',
  },
  'complaints.wrong_stage': {
    'zh-CN': '案件当前处于“{stageZh}”阶段，不能{actionZh}：须按 接诉→处理→回复→回访→结案 的顺序办理。',
    'en-US': 'The case is at the "{stageEn}" stage, so it cannot be {actionEn}: cases go received → handling → replied → followed up → closed.',
  },
  'complaints.closed': { 'zh-CN': '案件已结案，不能修改；如需继续处理请先重新打开。', 'en-US': 'The case is closed and cannot be changed; reopen it to work on it again.' },
  'complaints.deadline_past': { 'zh-CN': '完成时限 {at} 已经过去，请设一个将来的时间。', 'en-US': 'The deadline {at} is already past; set a time in the future.' },
  'complaints.large_needs_deadline': { 'zh-CN': '大修须在派工时设定完成时限。', 'en-US': 'A large repair needs a deadline set at dispatch.' },
  'complaints.repair_only': { 'zh-CN': '只有报修才有修理规模和到场时间。', 'en-US': 'Only repairs have a repair size and an on-site time.' },
  'complaints.other_needs_name': { 'zh-CN': '派往“其他部门”时请写明部门名称。', 'en-US': 'Name the department when passing the case to another department.' },
  'complaints.invalid_needs_reason': { 'zh-CN': '判定为无效投诉须写明原因。', 'en-US': 'Marking a case invalid needs a reason.' },
  'complaints.bad_hours': { 'zh-CN': '办公时间的结束须晚于开始。', 'en-US': 'Office hours must end after they start.' },
  'complaints.bad_late_hours': {
    'zh-CN': '“晚于此时受理”和“次日截止”都须在办公时间之内。',
    'en-US': 'Both "received after" and "due next working day by" must fall within office hours.',
  },
  'complaints.around_min_time_too_long': {
    'zh-CN': '24 小时计时的最短处理时间不能超过一天：次日截止时刻须不晚于“晚于此时受理”的时刻。',
    'en-US': 'The 24-hour clock\'s minimum time to act cannot be longer than a day: "due next day by" must not be later than "received after".',
  },
  'complaints.min_time_too_long': {
    'zh-CN': '最短处理时间不能超过一个工作日：次日截止时刻须不晚于“晚于此时受理”的时刻。',
    'en-US': 'The minimum time to act cannot be longer than a working day: "due next working day by" must not be later than "received after".',
  },
  'complaints.calendar_backwards': {
    'zh-CN': '日期段 {from} 至 {to} 的结束早于开始。',
    'en-US': 'The dates {from} to {to} end before they start.',
  },
  'complaints.calendar_other_year': {
    'zh-CN': '{day} 不在 {year} 年内：每年的节假日分开保存。',
    'en-US': '{day} is not in {year}: each year\'s holidays are saved on their own.',
  },
  'complaints.calendar_overlap': {
    'zh-CN': '{day} 出现在两个日期段中：节假日与调休日期段不能重叠。',
    'en-US': '{day} is in two of the date ranges: holidays and make-up working days may not overlap.',
  },
} as const;

/**
 * The audit trail's words for records and their fields: each captured table by the name of
 * what it holds, each captured column by its screen label, and how its value reads (money
 * in yuan, a time in the site's clock, a staff member by name). Kept beside the trail, not
 * in the message catalogue, because they are looked up by table and column names that come
 * from the store; tests/db/audit-words.test.ts checks every captured table and column is here.
 */

type Words = readonly [zh: string, en: string];

export const TABLE_WORDS: Readonly<Record<string, Words>> = {
  site: ['站点', 'Site'],
  setting: ['设置', 'Setting'],
  staff: ['员工', 'Staff'],
  audit_event: ['安全事件', 'Security event'],
  building: ['楼栋', 'Building'],
  unit: ['单元', 'Unit'],
  room: ['房间', 'Room'],
  occupant: ['住户', 'Occupant'],
  household_member: ['家庭成员', 'Household member'],
  vehicle: ['车辆', 'Vehicle'],
  parking_space: ['车位', 'Parking space'],
  notice: ['公告', 'Notice'],
  name_position: ['职务', 'Position'],
  fee_item: ['收费项目', 'Fee item'],
  fee_rate: ['单价', 'Price'],
  bill: ['账单', 'Bill'],
  bill_cancel: ['账单取消', 'Bill cancellation'],
  meter_reading: ['抄表', 'Meter reading'],
  dunning_log: ['催缴', 'Dunning'],
  receipt: ['收据', 'Receipt'],
  receipt_line: ['收据明细', 'Receipt line'],
  receipt_payment: ['收款方式', 'Payment'],
  receipt_print: ['收据打印', 'Receipt print'],
  receipt_print_undone: ['撤销打印', 'Print undone'],
  receipt_void: ['收据作废', 'Receipt void'],
  receipt_number_skip: ['跳号', 'Skipped number'],
  day_close: ['日结', 'Day close'],
  day_reopening: ['重开日结', 'Day reopened'],
  debit_agreement: ['托收协议', 'Debit agreement'],
  debit_agreement_end: ['托收协议终止', 'Agreement ended'],
  debit_batch: ['托收批次', 'Debit batch'],
  debit_batch_line: ['托收明细', 'Debit line'],
  debit_result: ['托收结果', 'Debit result'],
  complaint_case: ['投诉报修案件', 'Case'],
  complaint_category: ['案件类别', 'Case category'],
  complaint_event: ['案件处理记录', 'Case event'],
  holiday_calendar: ['工作日历', 'Calendar day'],
  archive_category: ['档案大类', 'Archive category'],
  archive_class: ['档案类目', 'Archive class'],
  archive_department: ['部门', 'Department'],
  archive_item: ['档案', 'Archive item'],
  archive_register: ['档案登记表', 'Register entry'],
  archive_request: ['借阅申请', 'Loan request'],
  archive_request_item: ['申请的档案', 'Requested item'],
  archive_loan: ['档案借出', 'Loan'],
  archive_scan: ['扫描件', 'Scan'],
  archive_appraisal: ['档案鉴定', 'Appraisal'],
  archive_correction: ['档案更正', 'Item correction'],
  handover: ['交接单', 'Handover'],
  handover_signature: ['交接签名', 'Handover signature'],
  handover_list_item: ['交接清单项', 'Checklist line'],
  desk_key: ['钥匙', 'Key'],
  desk_key_loan: ['钥匙借用', 'Key loan'],
};

/** Columns that only tie rows together or prove integrity: kept for the raw view, not read by a person. */
export function isTechnical(column: string): boolean {
  return column === 'id' || column === 'site_id' || column === 'created_at' || column === 'updated_at' || column === 'seq'
    || column === 'code_digits' || column === 'canonical' || column === 'body' || column === 'bills' || column === 'detail'
    || column === 'replaces_id' || column === 'sha256' || column.endsWith('_sha256')
    || (column.endsWith('_id') && !STAFF_COLUMNS.has(column));
}

/** Columns holding a staff member's id: shown by the person's name. */
export const STAFF_COLUMNS: ReadonlySet<string> = new Set([
  'actor_id', 'added_by', 'approved_by', 'assignee', 'cancelled_by', 'cashier_id', 'closed_by', 'created_by', 'decided_by',
  'done_by', 'ended_by', 'entered_by', 'lent_by', 'printed_by', 'proposed_by', 'receiver_id', 'returned_by', 'staff_id', 'voided_by',
]);
/** Money in fen, shown in yuan. */
export const MONEY_COLUMNS: ReadonlySet<string> = new Set(['amount', 'total', 'tendered', 'change_given', 'arrears', 'owed']);
/** Hundredths (area in m², meter readings, quantities). */
export const CENTI_COLUMNS: ReadonlySet<string> = new Set(['area_centi', 'quantity_centi', 'previous_centi', 'reading_centi']);
/** Yes / no. */
export const FLAG_COLUMNS: ReadonlySet<string> = new Set(['active', 'valid', 'transferred', 'major_event', 'confirmed_jump']);
/** Instants, shown in the site's clock. */
export function isInstant(column: string): boolean {
  return column === 'at' || column.endsWith('_at') || column === 'locked_until';
}

export const FIELD_WORDS: Readonly<Record<string, Words>> = {
  account: ['账号', 'Account'], active: ['启用', 'Active'], actor_id: ['操作人', 'Actor'], added_by: ['添加人', 'Added by'],
  amount: ['金额', 'Amount'], applies_to: ['适用范围', 'Applies to'], approved_by: ['审批人', 'Approved by'],
  area_centi: ['面积（㎡）', 'Area (m²)'], arrears: ['欠费', 'Arrears'], assignee: ['处理人', 'Assignee'], at: ['时间', 'Time'],
  bank: ['银行', 'Bank'], body: ['内容', 'Content'], borrower: ['借用人', 'Borrower'], box: ['盒号', 'Box'],
  cabinet: ['柜号', 'Cabinet'], cancelled_by: ['取消人', 'Cancelled by'], case_no: ['案件编号', 'Case no.'],
  cashier_id: ['收银员', 'Cashier'], category: ['类别', 'Category'], category_code: ['大类', 'Category'], cause: ['原因', 'Cause'],
  change_given: ['找零', 'Change'], changes: ['更正内容', 'Changes'], channel: ['来源', 'Channel'], class_code: ['类目', 'Class'], closed_at: ['结案时间', 'Closed at'],
  closed_by: ['结案人', 'Closed by'], code: ['编码', 'Code'], complainant: ['投诉人', 'Complainant'],
  confidentiality: ['密级', 'Confidentiality'], confirmed_jump: ['确认跳变', 'Jump confirmed'], copy: ['联次', 'Copy'],
  count: ['数量', 'Count'], created_by: ['创建人', 'Created by'], day: ['日期', 'Day'], decided_at: ['审批时间', 'Decided at'],
  decided_by: ['审批人', 'Decided by'], decision: ['决定', 'Decision'], decision_note: ['审批意见', 'Decision note'],
  default_retention: ['默认保管期限', 'Default retention'], department: ['部门', 'Department'],
  department_code: ['部门', 'Department'], department_name: ['部门名称', 'Department name'], description: ['描述', 'Description'],
  detail: ['详情', 'Detail'], display_name: ['姓名', 'Name'], done_by: ['经办人', 'Done by'], due_at: ['到期时间', 'Due at'],
  due_on: ['到期日', 'Due on'], ended_by: ['终止人', 'Ended by'], entered_by: ['登记人', 'Entered by'], event: ['事件', 'Event'],
  failed_attempts: ['密码错误次数', 'Failed attempts'], floor: ['楼层', 'Floor'], followed_at: ['回访时间', 'Followed up at'],
  followup_remarks: ['回访记录', 'Follow-up remarks'], fonds_no: ['全宗号', 'Fonds no.'], form: ['载体', 'Form'],
  holder: ['户名', 'Account holder'], id_number: ['证件号', 'ID number'], id_type: ['证件类型', 'ID type'],
  invalid_reason: ['无效原因', 'Reason invalid'], key: ['设置项', 'Setting'], kind: ['类型', 'Kind'], label: ['名称', 'Label'],
  lent_at: ['借出时间', 'Lent at'], lent_by: ['借出人', 'Lent by'], library_no: ['库号', 'Library no.'], line_no: ['行号', 'Line no.'],
  lines: ['笔数', 'Lines'], list: ['清单', 'List'], location_room: ['库房', 'Store room'], locked_until: ['锁定至', 'Locked until'],
  major_event: ['重大事件', 'Major event'], manager_at: ['升级经理时间', 'Escalated to manager at'], matter: ['事由', 'Matter'],
  meter: ['表具', 'Meter'], method: ['方式', 'Method'], mime: ['文件类型', 'File type'], move_in: ['入住日期', 'Move-in'],
  move_out: ['迁出日期', 'Move-out'], name: ['名称', 'Name'], name_en: ['英文名称', 'English name'], name_zh: ['中文名称', 'Chinese name'],
  note: ['备注', 'Note'], number: ['编号', 'Number'], onsite_at: ['到场时间', 'On site at'], onsite_due_at: ['应到场时间', 'On site by'],
  outcome: ['结果', 'Outcome'], paper: ['纸张', 'Paper'], password_changed_at: ['密码修改时间', 'Password changed at'],
  payer: ['交款人', 'Payer'], period: ['期间', 'Period'], person: ['经办人', 'Person'], phone: ['电话', 'Phone'],
  phone2: ['备用电话', 'Second phone'], piece_count: ['件数', 'Pieces'], plate: ['车牌', 'Plate'], previous_centi: ['上期读数', 'Previous reading'],
  price_e4: ['单价', 'Price'], printed_by: ['打印人', 'Printed by'], produced_on: ['形成日期', 'Produced on'],
  proposed_by: ['提出人', 'Proposed by'], published_on: ['发布日期', 'Published on'], purpose: ['用途', 'Purpose'],
  quantity_centi: ['数量', 'Quantity'], read_on: ['抄表日期', 'Read on'], reading_centi: ['本期读数', 'Reading'], reason: ['原因', 'Reason'],
  received_at: ['受理时间', 'Received at'], receiver_id: ['受理人', 'Received by'], ref_code: ['档号', 'Archive code'],
  reference: ['业务编号', 'Reference'], reference_note: ['付款备注', 'Payment note'], refund_of: ['退还', 'Refund of'],
  relation: ['关系', 'Relation'], remarks: ['备注', 'Remarks'], reopen_count: ['重开次数', 'Times reopened'], repair_size: ['维修大小', 'Repair size'],
  replied_at: ['答复时间', 'Replied at'], reply_method: ['答复方式', 'Reply by'], reply_text: ['答复内容', 'Reply'],
  requester: ['申请人', 'Requester'], requester_unit: ['申请单位', 'Requester unit'], retention: ['保管期限', 'Retention'],
  return_condition: ['归还状况', 'Condition on return'], return_note: ['归还备注', 'Return note'], returned_at: ['归还时间', 'Returned at'],
  returned_by: ['归还经办人', 'Return taken by'], review_year: ['复审年度', 'Review year'], role: ['角色', 'Role'],
  room_code: ['房号', 'Room'], room_no: ['房号', 'Room no.'], satisfaction: ['满意度', 'Satisfaction'], severity: ['紧急程度', 'Severity'],
  shelf: ['架号', 'Shelf'], signed_at: ['签署时间', 'Signed at'], signer_name: ['签字人', 'Signer'], size: ['大小（字节）', 'Size (bytes)'],
  sort: ['顺序', 'Order'], source: ['来源', 'Source'], stage: ['环节', 'Stage'], staff_id: ['员工', 'Staff'], state: ['状态', 'State'],
  status: ['状态', 'Status'], summary: ['汇总', 'Summary'], tendered: ['实收', 'Tendered'], tenure: ['使用方式', 'Tenure'],
  title: ['题名', 'Title'], total: ['合计', 'Total'], transferred: ['已转办', 'Transferred'], unit: ['单位', 'Unit'],
  usage: ['用途', 'Usage'], username: ['用户名', 'Username'], valid: ['有效', 'Valid'], valid_from: ['生效日期', 'Valid from'],
  valid_to: ['截止日期', 'Valid to'], value: ['值', 'Value'], version: ['版本', 'Version'], voided_by: ['作废人', 'Voided by'],
  wanted: ['诉求', 'Wanted'], year: ['年度', 'Year'], owed: ['欠费', 'Owed'],
};

/**
 * A coded value (a case's stage, a payment's method) reads as the screens say it. By
 * "table.column": the same column name holds different codes in different tables (kind).
 * A string is the message-key prefix the area's screens already use (prefix.value); the few
 * codes no screen shows have their words here.
 */
export const CODE_WORDS: Readonly<Record<string, string | Readonly<Record<string, Words>>>> = {
  'archive_appraisal.decision': 'arch.appr', 'archive_appraisal.status': 'arch.req.status',
  'archive_class.default_retention': 'arch.ret', 'archive_item.retention': 'arch.ret', 'archive_item.form': 'arch.form',
  'archive_item.confidentiality': 'arch.conf', 'archive_item.status': 'arch.status', 'archive_loan.return_condition': 'arch.cond',
  'archive_register.event': 'arch.ev', 'archive_request.kind': 'arch.req.kind', 'archive_request.status': 'arch.req.status',
  'archive_correction.kind': 'arch.fix.kind',
  'complaint_case.kind': 'cmp.kind', 'complaint_case.channel': 'cmp.channel', 'complaint_case.severity': 'cmp.severity',
  'complaint_case.stage': 'cmp.stage', 'complaint_case.department': 'cmp.dept', 'complaint_case.repair_size': 'cmp.f',
  'complaint_case.reply_method': 'cmp.method', 'complaint_event.event': 'cmp.e', 'holiday_calendar.kind': 'cmp.cal.kind',
  'holiday_calendar.source': 'cmp.cal.source',
  'fee_item.kind': 'fees.kind', 'fee_item.meter': 'fees.meter', 'fee_item.applies_to': 'fees.applies', 'meter_reading.meter': 'fees.meter',
  'dunning_log.method': 'fees.dun', 'receipt_payment.method': 'fees.method', 'debit_result.outcome': 'fees.debit.outcome',
  'handover.kind': 'ho.kind', 'handover.status': 'ho.status', 'desk_key.kind': 'ho.keys.kind', 'handover_list_item.usage': 'registry.usage',
  'day_reopening.kind': 'fees.history', 'room.state': 'registry.state',
  'occupant.kind': 'registry.kind', 'occupant.id_type': 'registry.idType', 'room.usage': 'registry.usage', 'parking_space.tenure': 'registry.tenure',
  'bill.source': {
    generated: ['按期核发', 'Billed for the period'], meter: ['抄表计费', 'From a meter reading'], manual: ['手工录入', 'Entered by hand'],
  },
  'receipt.kind': { payment: ['收款', 'Payment'], refund: ['退款', 'Refund'] },
  'receipt_number_skip.kind': { payment: ['收据', 'Receipt'], refund: ['退款单', 'Refund document'] },
  'receipt_number_skip.cause': { lost: ['票据遗失', 'Form lost'] },
  'receipt_line.kind': { bill: ['缴费', 'Bill paid'], prepay: ['预存', 'Prepayment'], refund: ['退还', 'Refund'] },
  'receipt_void.kind': { void: ['作废', 'Void'], reversal: ['冲正', 'Reversal'] },
  'meter_reading.kind': {
    base: ['起始读数', 'Starting reading'], periodic: ['定期抄表', 'Periodic reading'], final: ['结清读数', 'Final reading'],
  },
  'handover_list_item.list': {
    key: ['钥匙清单', 'Key list'], facility: ['设施清单', 'Facilities checklist'], document: ['资料清单', 'Document list'],
  },
  'handover_signature.method': {
    drawn: ['手写签名', 'Drawn signature'], paper: ['纸质签字', 'Signed on paper'], attest: ['密码确认', 'Confirmed by password'],
  },
  'handover_signature.role': {
    occupant: ['住户', 'Occupant'], staff: ['经办人', 'Staff'], outgoing: ['交班人', 'Outgoing'], incoming: ['接班人', 'Incoming'],
    handing: ['移交人', 'Handing over'], receiving: ['接收人', 'Receiving'],
    head_handing: ['移交部门负责人', 'Head of the handing department'], head_receiving: ['接收部门负责人', 'Head of the receiving department'],
  },
};

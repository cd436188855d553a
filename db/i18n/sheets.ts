/**
 * The words of every spreadsheet the store writes (exports, reports, error workbooks), in both
 * locales: headings, sheet names and file names, kept with the other words people read,
 * never inside the code that writes the cells. Each entry has the same keys in zh-CN and en-US
 * (tests/db/messages.test.ts checks it).
 */
export const sheetWords = {
  /** The monthly collection report's workbook */
  monthReport: {
    'zh-CN': { sheet: '收缴情况', trend: '近12个月', item: '收费项目', billed: '应收', paid: '已收', rate: '收缴率', period: '所属期', collected: '本月实收', forMonth: '其中：本月账单', arrears: '其中：往期欠费', ahead: '其中：预交以后月份', prepay: '其中：预存款', reversed: '减：本月冲正', depositsTaken: '押金收取（不计入收费收入）', depositsRefunded: '押金退还', depositsNet: '押金净增', carried: '累计欠费（截至本月）', file: '收缴月报', total: '合计' },
    'en-US': { sheet: 'Collection', trend: 'Last 12 months', item: 'Fee item', billed: 'Billed', paid: 'Paid', rate: 'Collection rate', period: 'Period', collected: 'Collected this month', forMonth: '— for this month', arrears: '— arrears', ahead: '— later months', prepay: '— prepayments', reversed: 'less reversals this month', depositsTaken: 'Deposits taken (not fee income)', depositsRefunded: 'Deposits refunded', depositsNet: 'Deposits held, net change', carried: 'Arrears carried (to this month)', file: 'collection', total: 'Total' },
  },
  /** The registry export's sheets and headings */
  registryExport: {
    'zh-CN': {
      rooms: '房屋', people: '住户（含历史）', others: '其他住户（不导入）', owner: '业主', tenant: '租户', name: '姓名', kind: '身份',
      phone: '电话', phone2: '电话2', moveOut: '迁出日期', remarks: '备注', file: '房屋登记',
    },
    'en-US': {
      rooms: 'Rooms', people: 'Occupants (with history)', others: 'Other occupants (not imported)', owner: 'owner', tenant: 'tenant', name: 'Name', kind: 'Kind',
      phone: 'Phone', phone2: 'Phone 2', moveOut: 'Move-out date', remarks: 'Remarks', file: 'registry',
    },
  },
  /** The registry import template (registry/import/template.ts) */
  registryTemplate: {
    'zh-CN': {
      rooms: '房屋', help: '填写说明', column: '列', takes: '可填写的内容', exampleOwner: '张建涛', exampleRemarks: '示例行，请覆盖或删除',
      codeHelp: '楼栋-单元-房号，如 1-1-101；无单元的写 楼栋-房号，如 S-101。也可只填楼栋、单元、房号三列。', dateHelp: '年-月-日，如 2020-06-18', file: '房屋登记导入模板',
    },
    'en-US': {
      rooms: 'Rooms', help: 'How to fill it in', column: 'Column', takes: 'What it takes', exampleOwner: 'Zhang Jiantao', exampleRemarks: 'Example row: overwrite or delete it',
      codeHelp: 'building-unit-room, e.g. 1-1-101; without units building-room, e.g. S-101. Or fill only the Building, Unit and Room columns.',
      dateHelp: 'year-month-day, e.g. 2020-06-18', file: 'registry-import-template',
    },
  },
  /** The 交接 list's workbook */
  handoverList: {
    'zh-CN': {
      sheet: '交接单', number: '单号', version: '版本', kind: '类别', room: '房号', occupant: '住户', status: '状态', staff: '经办人', started: '建单时间',
      signedAt: '签署时间', reason: '更正原因', move_in: '入伙交接', move_out: '迁出交接', shift: '交接班', transfer: '档案移交', draft: '草稿', signed: '已签署',
      superseded: '（已更正）', file: '交接单',
    },
    'en-US': {
      sheet: 'Handovers', number: 'Number', version: 'Version', kind: 'Kind', room: 'Room', occupant: 'Occupant', status: 'Status', staff: 'Staff', started: 'Started',
      signedAt: 'Signed', reason: 'Reason for correction', move_in: 'Move-in', move_out: 'Move-out', shift: 'Shift handover', transfer: 'Archive transfer', draft: 'Draft', signed: 'Signed',
      superseded: ' (corrected)', file: 'handovers',
    },
  },
  /** The complaint statistics workbook */
  complaintStats: {
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
  },
  /** The meter reader's sheet */
  meterSheet: {
    'zh-CN': { sheet: '抄表单', lastPeriod: '上期账期', last: '上期读数', file: '抄表单' },
    'en-US': { sheet: 'Readings', lastPeriod: 'Last period', last: 'Last reading', file: 'meter-readings' },
  },
  /** An import's error report */
  /** The cashier's day (日结) workbook: one row per payment, with its reference */
  dayReport: {
    'zh-CN': {
      sheet: '日结明细', file: '收费日结', number: '收据号', time: '收款时间', room: '房号', payer: '交款人', method: '付款方式', amount: '金额（元）',
      reference: '参考号（交易号/凭证号/卡号尾号）', referenceNote: '重复参考号说明', status: '状态', valid: '有效', void: '作废：', total: '合计（有效收据）', cash: '应交现金',
    },
    'en-US': {
      sheet: 'Day', file: 'cashier-day', number: 'Receipt', time: 'Taken at', room: 'Room', payer: 'Payer', method: 'Method', amount: 'Amount (yuan)',
      reference: 'Reference (transaction / voucher / card tail)', referenceNote: 'Why a reference was reused', status: 'Status', valid: 'valid', void: 'void: ',
      total: 'Total (valid receipts)', cash: 'Cash to hand over',
    },
  },
  importErrorReport: {
    'zh-CN': { sheet: '错误行', row: '原行号', reason: '错误原因' },
    'en-US': { sheet: 'Errors', row: 'Row', reason: 'Reason' },
  },
  /** The bank's direct-debit batch sheet (fees/debit/sheet.ts): the results import finds its columns by these headings */
  debitBatch: {
    'zh-CN': { reference: '批次行号', room: '房号', holder: '户名', bank: '开户行', account: '账号', amount: '金额（元）', result: '扣款结果', reason: '失败原因', file: '托收清单' },
    'en-US': {
      reference: 'Line reference', room: 'Room', holder: 'Account holder', bank: 'Bank', account: 'Account number', amount: 'Amount (yuan)', result: 'Result',
      reason: 'Reason', file: 'direct-debit',
    },
  },
  /** Head office's consolidated month: collection and complaints by site */
  consolidated: {
    'zh-CN': {
      file: '各站点汇总', collection: '收缴情况', complaints: '投诉报修', site: '站点', total: '合计',
      billed: '应收（元）', paid: '已收（元）', rate: '收缴率', collected: '本月实收（元）',
      received: '受理', open: '未结', closed: '已结案', onTime: '按时答复率', satisfaction: '满意度', escalations: '升级',
    },
    'en-US': {
      file: 'by-site', collection: 'Collection', complaints: 'Complaints', site: 'Site', total: 'Total',
      billed: 'Billed (yuan)', paid: 'Paid (yuan)', rate: 'Collection rate', collected: 'Taken this month (yuan)',
      received: 'Received', open: 'Open', closed: 'Closed', onTime: 'Answered on time', satisfaction: 'Satisfaction', escalations: 'Escalations',
    },
  },
  /** Head office's company archive catalogue: every site's items */
  companyCatalogue: {
    'zh-CN': {
      file: '公司档案目录', sheet: '档案目录', site: '站点', status: '状态', borrower: '借阅人', in: '在库', out: '借出', destroyed: '已销毁',
    },
    'en-US': {
      file: 'company-catalogue', sheet: 'Catalogue', site: 'Site', status: 'Status', borrower: 'Borrower',
      in: 'In', out: 'Out on loan', destroyed: 'Destroyed',
    },
  },
} as const;


/** Bank direct debit's refusals and row reports, in both locales (spread into the fee errors). */
export const debitErrors = {
  'fees.debit.account_not_digits': {
    'zh-CN': '银行账号只能由数字组成（可含空格分隔）。未做任何改动。',
    'en-US': 'A bank account number is digits only (spaces between groups are fine). Nothing was changed.',
  },
  'fees.debit.account_length': {
    'zh-CN': '银行账号应为 12 至 25 位数字，填写的是 {length} 位。未做任何改动。',
    'en-US': 'A bank account number has 12 to 25 digits; this one has {length}. Nothing was changed.',
  },
  'fees.debit.account_check_digit': {
    'zh-CN': '银行卡号校验位不符，可能抄错了一位，请核对。未做任何改动。',
    'en-US': 'The card number\'s check digit does not match: a digit may be mistyped. Check it. Nothing was changed.',
  },
  'fees.debit.valid_to_before': {
    'zh-CN': '截止月份 {to} 早于起始月份 {from}。',
    'en-US': 'The last month ({to}) is before the first month ({from}).',
  },
  'fees.debit.overlap': {
    'zh-CN': '房号 {room} 已有在 {from} 起有效的托收协议（{bank}），期间重叠。请先终止原协议。',
    'en-US': 'Room {room} already has a debit agreement ({bank}) valid from {from} over these months. End it first.',
  },
  'fees.debit.already_ended': { 'zh-CN': '该托收协议已终止。', 'en-US': 'This debit agreement is already ended.' },
  'fees.debit.nothing_to_debit': {
    'zh-CN': '{period} 没有可托收的房间：没有当月有效协议且有欠费、又不在未回盘批次中的房间。',
    'en-US': 'Nothing to debit for {period}: no room has an agreement valid that month, open bills, and no line in a batch still awaiting results.',
  },
  'fees.debit.no_columns': {
    'zh-CN': '回盘文件中找不到“批次行号”和“扣款结果”两列，请使用导出的托收表填写结果。',
    'en-US': 'The results file has no "Line reference" and "Result" columns: fill in the results on the exported batch sheet.',
  },
  'fees.debit.no_rows': { 'zh-CN': '回盘文件中没有结果行。', 'en-US': 'The results file has no result rows.' },
  // row by row, in the import's report
  'fees.debit.unknown_line': {
    'zh-CN': '批次行号 {reference} 不属于本批次（或任何托收批次）。',
    'en-US': 'Line reference {reference} is not a line of this batch (or of any debit batch).',
  },
  'fees.debit.line_twice': { 'zh-CN': '批次行号 {reference} 在文件中出现了两次。', 'en-US': 'Line reference {reference} appears twice in the file.' },
  'fees.debit.bad_result': {
    'zh-CN': '扣款结果“{text}”无法识别：请填写“成功”或“失败”。',
    'en-US': 'The result "{text}" is not understood: write success or failure.',
  },
  'fees.debit.room_differs': {
    'zh-CN': '批次行号 {reference} 是房号 {room} 的，文件中写的是 {given}。',
    'en-US': 'Line reference {reference} is room {room}\'s, but the file says {given}.',
  },
  'fees.debit.amount_differs': {
    'zh-CN': '批次行号 {reference} 托收金额为 ¥{amount}，文件中为 ¥{given}：金额不符。',
    'en-US': 'Line reference {reference} was sent for ¥{amount}, but the file says ¥{given}: the amounts differ.',
  },
  'fees.debit.paid_meanwhile': {
    'zh-CN': '房号 {room} 的托收账单已在前台收取或作废（现只欠 ¥{owed}，托收 ¥{amount}）：银行若已扣款，请联系银行退回后删除此行再导入。',
    'en-US': 'Room {room}\'s debited bills were meanwhile paid at the till or cancelled '
      + '(¥{owed} still owed, ¥{amount} debited): if the bank took the money, have it returned, delete this row and import again.',
  },
  'fees.debit.result_changed': {
    'zh-CN': '批次行号 {reference} 已导入过结果“{beforeZh}”，文件中为“{givenZh}”：已导入的结果不能更改。',
    'en-US': 'Line reference {reference} already has the result "{beforeEn}"; the file says "{givenEn}": an imported result cannot change.',
  },
  'fees.debit.refused_rows': {
    'zh-CN': '回盘文件有 {count} 行不能导入，整个文件未导入（未做任何改动）。请按逐行说明更正后重新导入。',
    'en-US': '{count} rows of the results file cannot be imported, so none of it was (nothing was changed). Correct them as listed and import again.',
  },
} as const;

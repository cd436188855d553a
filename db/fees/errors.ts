/** Fee collection's refusals, in both locales (spread into db/i18n/errors.ts). */
export const feeErrors = {
  'fees.not_found': { 'zh-CN': '找不到该{whatZh}。', 'en-US': 'No such {whatEn}.' },
  'fees.meter_required': { 'zh-CN': '计量收费项目须指定表计（水、电或燃气）。', 'en-US': 'A metered fee item needs a meter (water, electricity or gas).' },
  'fees.duplicate_item': { 'zh-CN': '收费项目编码“{code}”已存在。', 'en-US': 'Fee item code "{code}" already exists.' },
  'fees.kind_fixed': {
    'zh-CN': '收费项目的类型和表计建立后不能更改；请新建一个项目并停用旧项目。',
    'en-US': 'A fee item\'s kind and meter cannot change once created; add a new item and retire the old one.',
  },
  'fees.rate_backdated': {
    'zh-CN': '该项目已按 {billed} 核发账单，新单价只能从之后的月份起生效（填写的是 {period}）。已核发的账单不受调价影响。',
    'en-US': 'This item is already billed up to {billed}; a new price can only start after that (you entered {period}). Bills already issued never change.',
  },
  'fees.rate_exists': {
    'zh-CN': '{period} 起的单价已设定；单价不能修改，请从下一个月起设定新单价。',
    'en-US': 'A price from {period} is already set; prices are never edited: set a new one from a later month.',
  },
  'fees.period_future': {
    'zh-CN': '账期 {period} 太远：最多只能提前核发下个月的账单。',
    'en-US': 'Period {period} is too far ahead: bills can be issued at most one month in advance.',
  },
  'fees.line_twice': { 'zh-CN': '同一笔应收在本次收款中出现了两次。未做任何改动。', 'en-US': 'The same bill line appears twice in this payment. Nothing was changed.' },
  'fees.line_not_room': { 'zh-CN': '所选应收不属于房号 {room}。未做任何改动。', 'en-US': 'A selected bill line does not belong to room {room}. Nothing was changed.' },
  'fees.line_overpaid': {
    'zh-CN': '{item}（{period}）仅欠 ¥{owed}，不能收 ¥{amount}：可能已在另一窗口收取。请刷新后重试，未做任何改动。',
    'en-US': '{item} ({period}) owes only ¥{owed}, so ¥{amount} cannot be taken: it may have been paid in another window. Refresh and try again; nothing was changed.',
  },
  'fees.nothing_to_pay': { 'zh-CN': '没有选择任何应收，也没有预存金额。', 'en-US': 'No bill line is selected and there is no prepayment.' },
  'fees.too_much': { 'zh-CN': '金额超过上限 ¥{max}。', 'en-US': 'The amount is over the limit of ¥{max}.' },
  'fees.method_twice': { 'zh-CN': '同一种付款方式只能填一次。', 'en-US': 'Each payment method can be entered only once.' },
  'fees.methods_mismatch': {
    'zh-CN': '各付款方式合计 ¥{paid}，与应收合计 ¥{total} 不符。未做任何改动。',
    'en-US': 'The payment methods add up to ¥{paid}, but the total due is ¥{total}. Nothing was changed.',
  },
  'fees.tendered_without_cash': { 'zh-CN': '没有现金付款，不需要填写实收现金。', 'en-US': 'Cash tendered is only for payments that include cash.' },
  'fees.tendered_short': { 'zh-CN': '实收现金 ¥{tendered} 少于现金应付 ¥{cash}。', 'en-US': 'Cash tendered (¥{tendered}) is less than the cash due (¥{cash}).' },
  'fees.credit_short': { 'zh-CN': '预存余额只有 ¥{balance}，不足以抵扣。', 'en-US': 'The prepaid credit is only ¥{balance}: not enough.' },
  'fees.credit_for_prepay': { 'zh-CN': '预存余额只能抵扣应收，不能再转为预存。', 'en-US': 'Prepaid credit can pay bills, not another prepayment.' },
  'fees.day_closed': {
    'zh-CN': '{day} 已日结：当日不能再收款或作废，只能冲正。未做任何改动。',
    'en-US': 'The day {day} is closed: it takes no more payments or voids, only reversals. Nothing was changed.',
  },
  'fees.day_already_closed': { 'zh-CN': '{day} 已经日结过了。', 'en-US': 'The day {day} is already closed.' },
  'fees.day_future': { 'zh-CN': '不能为未来的日期 {day} 日结。', 'en-US': 'A day in the future ({day}) cannot be closed.' },
  'fees.day_not_yours': { 'zh-CN': '只能查看自己的日结；查看其他收费员的日结需要主管权限。', 'en-US': 'You can see your own day only; other cashiers\' days need a supervisor.' },
  'fees.bill_cancelled': { 'zh-CN': '{room} {period} {item} 已作废，无需再作废。', 'en-US': '{item} for {period} of {room} is already cancelled.' },
  'fees.pay_cancelled_line': {
    'zh-CN': '{room} {period} {item} 已作废（可能刚在另一窗口作废），不能再收款。请刷新该房的欠费后重新选择。未收取任何款项。',
    'en-US': '{item} for {period} of {room} has been cancelled (perhaps just now, in another window) and cannot be paid. Reload the room\'s account and choose again; nothing was taken.',
  },
  'fees.bill_paid': {
    'zh-CN': '{room} {period} {item} 已收款 ¥{paid}：请先作废或冲正收款的收据，再作废这笔应收。未做任何改动。',
    'en-US': '{item} for {period} of {room} has ¥{paid} paid on it: void or reverse that receipt first, then cancel the charge. Nothing was changed.',
  },
  'fees.already_void': { 'zh-CN': '收据 {number} 已作废。', 'en-US': 'Receipt {number} is already void.' },
  'fees.not_your_receipt': {
    'zh-CN': '收据 {number} 不是您开具的：只能由开具人或主管申请作废。未做任何改动。',
    'en-US': 'Receipt {number} was issued by someone else: only its cashier or a supervisor can void it. Nothing was changed.',
  },
  'fees.not_approver': {
    'zh-CN': '{name} 无权审批作废：需要另一位有作废审批权限的主管当场登录确认。未做任何改动。',
    'en-US': '{name} cannot approve a void: another person with void approval (a supervisor) must sign in here. Nothing was changed.',
  },
  'fees.nothing_owed': { 'zh-CN': '房号 {room} 没有欠费，无需催缴。', 'en-US': 'Room {room} owes nothing: there is nothing to chase.' },
  'fees.reading_future': { 'zh-CN': '抄表日期或账期 {date} 在未来，不能录入。未做任何改动。', 'en-US': 'The reading date or period {date} is in the future. Nothing was changed.' },
  'fees.reading_exists': { 'zh-CN': '该表 {period} 已有读数；读数不能修改。', 'en-US': 'This meter already has a reading for {period}; readings are never edited.' },
  'fees.reading_withdrawn': {
    'zh-CN': '该表 {period} 的读数已随账单作废，该期不能再录入：请在下一期录入实际读数，用量从上一次有效读数起算。',
    'en-US': 'This meter\'s reading for {period} was withdrawn with its cancelled bill and that period cannot be read again: enter the actual reading with the next period; its use is measured from the last reading in force.',
  },
  'fees.reading_order': {
    'zh-CN': '该表最近一次读数是 {last}，只能录入之后账期的读数（填写的是 {period}）。',
    'en-US': 'This meter was last read for {last}; only a later period can be entered (you entered {period}).',
  },
  'fees.reading_lower': {
    'zh-CN': '读数 {reading} 低于上次读数 {last}：表不会倒走，请核对。未做任何改动。',
    'en-US': 'Reading {reading} is below the last reading {last}: meters do not run backwards. Check it; nothing was changed.',
  },
  'fees.reading_jump': {
    'zh-CN': '本期用量 {use} 远高于平时（约 {usual}），可能抄错。请核对；确属实请勾选“确认用量异常”后再保存。',
    'en-US': 'This period\'s use of {use} is far above the usual (about {usual}): possibly a misread. Check it; if it is right, tick "confirm unusual use" and save again.',
  },
  'fees.no_meter_item': {
    'zh-CN': '没有适用于该表和 {period} 的计量收费项目或单价，请先在“收费项目”中设置。',
    'en-US': 'No metered fee item or price applies to this meter for {period}: set one under Fee items first.',
  },
  'fees.not_manual': {
    'zh-CN': '只有一次性收费和押金可以手工加收；按面积、计量和每月固定的费用由核发账单产生。',
    'en-US': 'Only one-off charges and deposits are added by hand; area, metered and monthly charges come from issuing bills.',
  },
  'fees.not_a_deposit': { 'zh-CN': '这不是一笔已收的押金，不能退还。', 'en-US': 'This is not a paid deposit: nothing to refund.' },
  'fees.deposit_refunded': {
    'zh-CN': '该押金已退还（退款单 {number}），不能重复退还。',
    'en-US': 'This deposit was already refunded (refund {number}); it cannot be refunded twice.',
  },
  'fees.refund_too_much': { 'zh-CN': '退款金额不能超过所收押金 ¥{paid}。', 'en-US': 'A refund cannot exceed the deposit paid (¥{paid}).' },
  'fees.reverse_open_day': {
    'zh-CN': '收据 {number} 所在的日期尚未日结：请直接作废，不需冲正。',
    'en-US': 'Receipt {number} is on a day not yet closed: void it instead of reversing it.',
  },
  'fees.reference_required': {
    'zh-CN': '{methodZh}付款须填写交易参考号（交易单号、凭证号或卡号后四位）。未做任何改动。',
    'en-US': 'A {methodEn} payment needs its reference (transaction, voucher or card-tail number). Nothing was changed.',
  },
  'fees.reference_not_for': { 'zh-CN': '{methodZh}付款没有交易参考号，请不要填写。', 'en-US': 'A {methodEn} payment has no reference: leave it empty.' },
  'fees.reference_note_alone': { 'zh-CN': '没有交易参考号，不需要填写重复原因。', 'en-US': 'There is no reference, so no reason for a repeated one is needed.' },
  'fees.reference_duplicate': {
    'zh-CN': '{methodZh}交易参考号 {reference} 今天已用于收据 {number}。如确属另一笔款项，请填写原因后再收款。未做任何改动。',
    'en-US': 'The {methodEn} reference {reference} was already used today on receipt {number}. If this is another payment, give the reason and take it again. Nothing was changed.',
  },
  'fees.reopen_not_allowed': { 'zh-CN': '本站点不允许重新开启已日结的日期。', 'en-US': 'This site does not allow a closed day to be reopened.' },
  'fees.reopen_not_closed': { 'zh-CN': '{day} 尚未日结，不需要重新开启。', 'en-US': 'The day {day} is not closed: there is nothing to reopen.' },
  'fees.reopen_past': {
    'zh-CN': '只能重新开启今天（{today}）的日结；之前日期的更正请用冲正。',
    'en-US': 'Only today\'s ({today}) close can be reopened; correct an earlier day with a reversal.',
  },
  'fees.print_not_undoable': {
    'zh-CN': '只能撤销自己刚才的最后一次打印记录。未做任何改动。',
    'en-US': 'Only your own latest print of this receipt can be marked as not printed. Nothing was changed.',
  },
} as const;

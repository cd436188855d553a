/** Words for cancelled charges, voids and reversals, deposits apart, and the month report's print, spread into messages.ts. */
export const chargesZh = {
  // cancelling a charge (作废应收)
  'fees.cancelCharge': '作废',
  'fees.cancelChargeTitle': '作废应收：{room} {period} {item} ¥{amount}',
  'fees.cancelChargeHelp': '作废后这笔应收不再计入欠费，记录保留并注明作废，需主管当场登录确认。已收过款的应收不能作废，请先作废或冲正收据。抄表产生的应收作废后，该次读数一并作废，下次读数从上一次有效读数起算。',
  'fees.cancelChargeOk': '作废这笔应收',
  'fees.cancelReason': '作废原因',
  'fees.chargeCancelled': '已作废：{room} {period} {item}',
  'fees.cancelledTag': '已作废',
  // printed or not, who voided, reversals and deposits apart in the month report
  'fees.voidedBy': '作废经办人',
  'fees.collectedReversed': '减：本月冲正',
  'fees.depositsCard': '押金（代管款项，可退还：不计入收费收入和收缴率）',
  'fees.depositsTaken': '本月收取押金',
  'fees.depositsRefunded': '本月退还押金',
  'fees.depositsNet': '押金净增',
  'fees.printReport': '打印月报',
  'fees.reportDocTitle': '{period} 物业服务费收缴月报',
  'fees.feeIncome': '合计（不含押金）',
  'fees.reverseReason': '冲正原因',
} as const;

export const chargesEn: Record<keyof typeof chargesZh, string> = {
  // cancelling a charge (作废应收)
  'fees.cancelCharge': 'Cancel',
  'fees.cancelChargeTitle': 'Cancel the charge: {item}, {period}, {room}, ¥{amount}',
  'fees.cancelChargeHelp': 'A cancelled charge no longer counts as owed; the line stays on record marked cancelled. A supervisor must sign in here to approve. A charge with money paid on it cannot be cancelled: void or reverse that receipt first. Cancelling a charge from a meter reading withdraws the reading too: the next reading is measured from the last one still in force.',
  'fees.cancelChargeOk': 'Cancel the charge',
  'fees.cancelReason': 'Reason for cancelling',
  'fees.chargeCancelled': 'Cancelled: {item}, {period}, {room}',
  'fees.cancelledTag': 'Cancelled',
  // printed or not, who voided, reversals and deposits apart in the month report
  'fees.voidedBy': 'Voided by',
  'fees.collectedReversed': 'less reversals this month',
  'fees.depositsCard': 'Deposits (refundable money held: not fee income, not in the collection rate)',
  'fees.depositsTaken': 'Deposits taken this month',
  'fees.depositsRefunded': 'Deposits refunded this month',
  'fees.depositsNet': 'Deposits held, net change',
  'fees.printReport': 'Print report',
  'fees.reportDocTitle': 'Monthly fee collection report, {period}',
  'fees.feeIncome': 'Total (deposits excluded)',
  'fees.reverseReason': 'Reason for the reversal',
};

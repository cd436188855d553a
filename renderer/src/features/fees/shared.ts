import type { OpOutput } from '../../../../db/api/types';
import { formatYuan } from '../../../../db/fees/money';
import type { PayMethod } from '../../../../db/fees/tables';

/** What the fee screens share: the store's types and the pure money rules (no Node in them). */
export { capitalAmount, formatPrice, formatYuan, parsePrice, parseYuan, MAX_FEN } from '../../../../db/fees/money';
export type Account = OpOutput<'fees.roomAccount'>;
export type OwedLine = Account['lines'][number];
export type Receipt = OpOutput<'fees.receipt'>;
export type DayReport = OpOutput<'fees.dayReport'>;
export type FeeItem = OpOutput<'fees.items'>[number];
export type { PayMethod };

export const METHODS: readonly PayMethod[] = ['cash', 'wechat', 'alipay', 'card', 'bank', 'credit'];

/** ¥1,234.50; a negative amount (money given back) as −¥210.33, not ¥-210.33 */
export function yuan(fen: number): string {
  return fen < 0 ? `−¥${formatYuan(-fen)}` : `¥${formatYuan(fen)}`;
}

import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Descriptions, Flex, Input, Select, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { METHODS, parseYuan, yuan, type PayMethod } from './shared';

export interface MethodRow {
  method: PayMethod;
  /** as typed, in yuan */
  amount: string;
}

export interface PayState {
  prepay: string;
  methods: MethodRow[];
  tendered: string;
}

/** What the panel's text adds up to, in fen (null where the text is not an amount). */
export function totals(linesTotal: number, s: PayState) {
  const prepay = s.prepay.trim() ? parseYuan(s.prepay) : 0;
  const total = linesTotal + (prepay ?? 0);
  const amounts = s.methods.map((m) => parseYuan(m.amount));
  const paid = amounts.reduce<number>((a, b) => a + (b ?? 0), 0);
  const cashIdx = s.methods.findIndex((m) => m.method === 'cash');
  const cash = cashIdx >= 0 ? amounts[cashIdx] ?? 0 : 0;
  const tendered = s.tendered.trim() ? parseYuan(s.tendered) : null;
  return {
    prepay, total, paid, cash, tendered,
    change: tendered !== null && tendered >= (cash ?? 0) ? tendered - (cash ?? 0) : null,
    bad: prepay === null || amounts.some((a) => a === null) || (s.tendered.trim() !== '' && tendered === null),
  };
}

/**
 * The money side of a payment: prepayment, one or more methods, cash tendered and the
 * change. Amounts are typed in yuan and parsed to fen digit by digit (no floats).
 */
export function PayPanel({ linesTotal, state, onChange, onPay, busy }: { linesTotal: number; state: PayState; onChange(s: PayState): void; onPay(): void; busy: boolean }) {
  const { t } = useI18n();
  const sum = totals(linesTotal, state);
  const set = (patch: Partial<PayState>) => onChange({ ...state, ...patch });
  const setMethod = (i: number, patch: Partial<MethodRow>) => set({ methods: state.methods.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  const unused = METHODS.filter((m) => !state.methods.some((x) => x.method === m));
  const ready = !sum.bad && sum.total > 0 && sum.paid === sum.total && (sum.tendered === null || sum.change !== null);

  return (
    <Flex vertical gap={8} data-testid="pay-panel">
      <Flex gap={8} align="center">
        <Typography.Text style={{ width: 96 }}>{t('fees.prepay')}</Typography.Text>
        <Input className="fee-owed-input" value={state.prepay} onChange={(e) => set({ prepay: e.target.value })} placeholder="0.00" prefix="¥" aria-label={t('fees.prepay')} status={sum.prepay === null ? 'error' : undefined} />
      </Flex>
      {state.methods.map((m, i) => (
        <Flex gap={8} align="center" key={i}>
          <Select style={{ width: 96 }} value={m.method} onChange={(v) => setMethod(i, { method: v })} aria-label={t('fees.method')} data-testid={`method-${i}`}
            options={[m.method, ...unused].map((x) => ({ value: x, label: t(`fees.method.${x}`) }))} />
          <Input className="fee-owed-input" value={m.amount} onChange={(e) => setMethod(i, { amount: e.target.value })} prefix="¥" aria-label={t('fees.methodAmount', { n: i + 1 })}
            status={parseYuan(m.amount) === null ? 'error' : undefined} />
          {state.methods.length > 1 && <Button icon={<DeleteOutlined />} onClick={() => set({ methods: state.methods.filter((_, j) => j !== i) })} aria-label={t('fees.removeMethod')} />}
        </Flex>
      ))}
      {unused.length > 0 && (
        <Button icon={<PlusOutlined />} style={{ width: 'fit-content' }} data-testid="add-method"
          onClick={() => set({ methods: [...state.methods, { method: unused[0]!, amount: '' }] })}>{t('fees.addMethod')}</Button>
      )}
      {sum.cash > 0 && (
        <Flex gap={8} align="center">
          <Typography.Text style={{ width: 96 }}>{t('fees.tendered')}</Typography.Text>
          <Input className="fee-owed-input" value={state.tendered} onChange={(e) => set({ tendered: e.target.value })} prefix="¥" aria-label={t('fees.tendered')} />
          {sum.change !== null && <Typography.Text strong data-testid="change">{t('fees.change', { change: yuan(sum.change) })}</Typography.Text>}
        </Flex>
      )}
      <Descriptions size="small" column={2} items={[
        { key: 'due', label: t('fees.totalDue'), children: <b data-testid="total-due">{yuan(sum.total)}</b> },
        { key: 'paid', label: t('fees.totalPaid'), children: <Typography.Text type={sum.paid === sum.total ? 'success' : 'danger'}>{yuan(sum.paid)}</Typography.Text> },
      ]} />
      <Button type="primary" size="large" disabled={!ready} loading={busy} onClick={onPay} data-testid="take-payment">{t('fees.takePayment')}</Button>
    </Flex>
  );
}

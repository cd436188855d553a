import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Descriptions, Flex, Input, Select, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { METHODS, parseYuan, yuan, type PayMethod } from './shared';

export interface MethodRow {
  method: PayMethod;
  /** as typed, in yuan */
  amount: string;
  /** a non-cash method's transaction or voucher number */
  reference?: string;
}

/** What the till's shortcut keys move to (F4, F8). */
export const TILL_IDS = { method: 'till-method-0', tendered: 'till-tendered', reference: (i: number) => `till-ref-${i}` } as const;
const NO_REFERENCE: readonly PayMethod[] = ['cash', 'credit'];

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
export function PayPanel({ linesTotal, state, onChange, onPay, busy, closed, required }: {
  linesTotal: number; state: PayState; onChange(s: PayState): void; onPay(): void; busy: boolean;
  /** the day is closed: the till takes nothing */
  closed?: boolean;
  /** methods whose reference the site requires */
  required: readonly string[];
}) {
  const { t } = useI18n();
  const sum = totals(linesTotal, state);
  const set = (patch: Partial<PayState>) => onChange({ ...state, ...patch });
  const setMethod = (i: number, patch: Partial<MethodRow>) => set({ methods: state.methods.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  const unused = METHODS.filter((m) => !state.methods.some((x) => x.method === m));
  const missingRef = state.methods.some((m) => required.includes(m.method) && !m.reference?.trim());
  const ready = !closed && !sum.bad && !missingRef && sum.total > 0 && sum.paid === sum.total && (sum.tendered === null || sum.change !== null);
  const enter = (e: React.KeyboardEvent) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    e.preventDefault();
    if (ready && !busy) onPay();
  };

  return (
    <Flex vertical gap={8} data-testid="pay-panel">
      <Flex gap={8} align="center">
        <Typography.Text style={{ width: 96 }}>{t('fees.prepay')}</Typography.Text>
        <Input className="fee-owed-input" value={state.prepay} onChange={(e) => set({ prepay: e.target.value })} placeholder="0.00" prefix="¥" aria-label={t('fees.prepay')} status={sum.prepay === null ? 'error' : undefined} />
      </Flex>
      {state.methods.map((m, i) => (
        <Flex vertical gap={4} key={i}>
        <Flex gap={8} align="center">
          <Select style={{ width: 96 }} id={i === 0 ? TILL_IDS.method : undefined} value={m.method} onChange={(v) => setMethod(i, { method: v })} aria-label={t('fees.method')} data-testid={`method-${i}`}
            options={[m.method, ...unused].map((x) => ({ value: x, label: t(`fees.method.${x}`) }))} />
          <Input className="fee-owed-input" value={m.amount} onChange={(e) => setMethod(i, { amount: e.target.value })} prefix="¥" aria-label={t('fees.methodAmount', { n: i + 1 })}
            status={parseYuan(m.amount) === null ? 'error' : undefined} onKeyDown={enter} />
          {state.methods.length > 1 && <Button icon={<DeleteOutlined />} onClick={() => set({ methods: state.methods.filter((_, j) => j !== i) })} aria-label={t('fees.removeMethod')} />}
        </Flex>
        {!NO_REFERENCE.includes(m.method) && (
          <Input id={TILL_IDS.reference(i)} value={m.reference ?? ''} maxLength={64} onKeyDown={enter} style={{ marginLeft: 104, width: 'auto' }}
            onChange={(e) => setMethod(i, { reference: e.target.value })} placeholder={t('fees.referencePlaceholder')}
            aria-label={t('fees.referenceFor', { method: t(`fees.method.${m.method}`) })}
            status={required.includes(m.method) && !m.reference?.trim() ? 'warning' : undefined}
            suffix={required.includes(m.method) ? <Typography.Text type="secondary">{t('fees.referenceRequired')}</Typography.Text> : undefined} />
        )}
        </Flex>
      ))}
      {unused.length > 0 && (
        <Button icon={<PlusOutlined />} style={{ width: 'fit-content' }} data-testid="add-method"
          onClick={() => set({ methods: [...state.methods, { method: unused[0]!, amount: '' }] })}>{t('fees.addMethod')}</Button>
      )}
      {sum.cash > 0 && (
        <Flex gap={8} align="center">
          <Typography.Text style={{ width: 96 }}>{t('fees.tendered')}</Typography.Text>
          <Input id={TILL_IDS.tendered} className="fee-owed-input" value={state.tendered} onChange={(e) => set({ tendered: e.target.value })} prefix="¥" aria-label={t('fees.tendered')}
            onKeyDown={enter} />
          {sum.change !== null && <Typography.Text strong data-testid="change">{t('fees.change', { change: yuan(sum.change) })}</Typography.Text>}
        </Flex>
      )}
      <Descriptions size="small" column={2} items={[
        { key: 'due', label: t('fees.totalDue'), children: <b data-testid="total-due">{yuan(sum.total)}</b> },
        { key: 'paid', label: t('fees.totalPaid'), children: <Typography.Text type={sum.paid === sum.total ? 'success' : 'danger'}>{yuan(sum.paid)}</Typography.Text> },
      ]} />
      <Button type="primary" size="large" disabled={!ready} loading={busy} onClick={onPay} data-testid="take-payment">{t('fees.takePayment')} (F9)</Button>
    </Flex>
  );
}

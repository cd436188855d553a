import { Alert, App, Button, Card, Empty, Flex, Input, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { PayPanel, totals, type PayState } from './PayPanel';
import { PaperChoice, ReceiptPreview, type ReceiptPaper } from './ReceiptPreview';
import { RoomPicker } from './RoomPicker';
import { DepositsCard } from './DepositsCard';
import { formatYuan, parseYuan, yuan, type Account, type OwedLine } from './shared';
import { VoidModal } from './VoidModal';
import { CancelChargeModal } from './CancelChargeModal';

const fresh = (): PayState => ({ prepay: '', methods: [{ method: 'cash', amount: '' }], tendered: '' });
let paperChoice: ReceiptPaper = 'A5';

/**
 * The cashier at the desk: find the room, see everything it owes oldest first, pick the
 * lines (all by default; an amount may be lowered to take part of a line), take the money,
 * and the receipt opens for printing. Receptionists see the same account without the till.
 */
export function CollectTab({ initialRoom }: { initialRoom?: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const till = can('fees.collect');
  const approver = can('fees.approve_void');
  const [roomId, setRoomId] = useState<string | null>(initialRoom ?? null);
  const [acct, setAcct] = useState<Account | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [pay, setPay] = useState<PayState>(fresh);
  const [busy, setBusy] = useState(false);
  const [printing, setPrinting] = useState<string | null>(null);
  const [paper, setPaper] = useState<ReceiptPaper>(paperChoice);
  const [voiding, setVoiding] = useState<{ id: string; number: string; reverse?: boolean } | null>(null);
  const [cancelling, setCancelling] = useState<OwedLine | null>(null);

  const load = useCallback(async (id: string) => {
    try {
      const a = await call('fees.roomAccount', { roomId: id });
      setAcct(a);
      setPicked(a.lines.map((l) => l.id));
      setAmounts(Object.fromEntries(a.lines.map((l) => [l.id, formatYuan(l.owed).replace(/,/g, '')])));
      setPay(fresh());
    } catch (e) {
      showError(e);
    }
  }, [showError]);
  useEffect(() => { if (roomId) void load(roomId); }, [roomId, load]);

  const lineFen = (l: OwedLine) => parseYuan(amounts[l.id] ?? '');
  const chosen = acct?.lines.filter((l) => picked.includes(l.id)) ?? [];
  const badLine = chosen.some((l) => { const f = lineFen(l); return f === null || f <= 0 || f > l.owed; });
  const linesTotal = badLine ? 0 : chosen.reduce((s, l) => s + (lineFen(l) ?? 0), 0);

  // With one method, it follows the total: the common case needs no typing.
  useEffect(() => {
    setPay((p) => {
      if (p.methods.length !== 1) return p;
      const total = totals(linesTotal, p).total;
      const text = formatYuan(total).replace(/,/g, '');
      return p.methods[0]!.amount === text ? p : { ...p, methods: [{ ...p.methods[0]!, amount: text }] };
    });
  }, [linesTotal, pay.prepay, acct]);

  async function takePayment() {
    if (!acct || badLine) return;
    const sum = totals(linesTotal, pay);
    setBusy(true);
    try {
      const r = await call('fees.pay', {
        roomId: acct.room.id,
        payer: acct.payer || undefined,
        lines: chosen.map((l) => ({ billId: l.id, amount: lineFen(l)! })),
        prepay: sum.prepay || undefined,
        methods: pay.methods.map((m) => ({ method: m.method, amount: parseYuan(m.amount)! })).filter((m) => m.amount > 0),
        tendered: sum.tendered ?? undefined,
      });
      void message.success(t('fees.paid', { number: r.number, change: yuan(r.change) }));
      await load(acct.room.id);
      setPrinting(r.id);
    } catch (e) {
      showError(e);
      await load(acct.room.id);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} align="center" wrap>
        <RoomPicker autoFocus onPick={(id) => setRoomId(id)} />
        {acct && (
          <Space size="large" data-testid="room-summary">
            <Typography.Text strong style={{ fontSize: 18 }}>{acct.room.code}</Typography.Text>
            <span>{t('fees.payer')}：{acct.payer || '—'}</span>
            <span>{t('fees.totalOwed')}：<b data-testid="total-owed">{yuan(acct.totalOwed)}</b></span>
            {acct.credit > 0 && <Tag color="green">{t('fees.credit', { amount: yuan(acct.credit) })}</Tag>}
          </Space>
        )}
      </Flex>
      {!acct ? <Empty description={t('fees.pickRoom')} /> : (
        <Flex gap={12} align="start" wrap>
          <Card size="small" title={t('fees.owedLines')} style={{ flex: 2, minWidth: 520 }}>
            <Table<OwedLine>
              rowKey="id" size="small" pagination={false} dataSource={acct.lines} data-testid="owed-table"
              locale={{ emptyText: t('fees.nothingOwed') }}
              rowSelection={till ? { selectedRowKeys: picked, onChange: (k) => setPicked(k as string[]) } : undefined}
              columns={[
                { title: t('fees.period'), dataIndex: 'period', width: 90 },
                { title: t('fees.item'), dataIndex: 'itemName' },
                { title: t('fees.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => formatYuan(v) },
                { title: t('fees.paidSoFar'), dataIndex: 'paid', align: 'right', render: (v: number) => (v ? formatYuan(v) : '') },
                { title: t('fees.owed'), dataIndex: 'owed', align: 'right', render: (v: number) => formatYuan(v) },
                ...(till ? [{
                  title: t('fees.thisTime'), key: 'now', width: 130,
                  render: (_: unknown, l: OwedLine) => {
                    const f = lineFen(l);
                    return <Input size="small" className="fee-owed-input" value={amounts[l.id] ?? ''} disabled={!picked.includes(l.id)} prefix="¥"
                      status={picked.includes(l.id) && (f === null || f <= 0 || f > l.owed) ? 'error' : undefined}
                      onChange={(e) => setAmounts({ ...amounts, [l.id]: e.target.value })} aria-label={t('fees.thisTimeFor', { item: l.itemName, period: l.period })} />;
                  },
                }, {
                  key: 'cancel', width: 64,
                  render: (_: unknown, l: OwedLine) => !l.paid && (
                    <Button size="small" type="link" danger onClick={() => setCancelling(l)} data-testid={`cancel-${l.period}-${l.itemCode}`}>{t('fees.cancelCharge')}</Button>
                  ),
                }] : []),
              ]}
            />
            {badLine && <Alert type="error" showIcon message={t('fees.badLineAmount')} style={{ marginTop: 8 }} />}
          </Card>
          {till && (
            <Card size="small" title={t('fees.payment')} style={{ flex: 1, minWidth: 320 }}>
              <PayPanel linesTotal={linesTotal} state={pay} onChange={setPay} onPay={() => void takePayment()} busy={busy} />
            </Card>
          )}
        </Flex>
      )}
      {acct && till && <DepositsCard key={acct.receipts[0]?.id ?? ''} roomId={acct.room.id} payer={acct.payer} onChanged={() => void load(acct.room.id)} onPrint={setPrinting} />}
      {acct && (
        <Card size="small" title={t('fees.receipts')} extra={till && <PaperChoice paper={paper} onChange={(p) => { paperChoice = p; setPaper(p); }} />}>
          <Table
            rowKey="id" size="small" pagination={false} dataSource={acct.receipts} data-testid="receipts-table" locale={{ emptyText: t('fees.noReceipts') }}
            columns={[
              { title: t('fees.receiptNo'), dataIndex: 'number' },
              { title: t('fees.day'), dataIndex: 'day' },
              { title: t('fees.amount'), dataIndex: 'total', align: 'right', render: (v: number) => formatYuan(v) },
              { title: t('fees.cashier'), dataIndex: 'cashier' },
              { title: t('fees.status'), key: 's', render: (_, r) => (r.voidReason ? <Tag color="red">{t(r.voidKind === 'reversal' ? 'fees.reversedTag' : 'fees.void')}</Tag> : <Tag color="green">{t('fees.valid')}</Tag>) },
              ...(till || approver ? [{
                title: t('common.actions'), key: 'a',
                // a supervisor voids for an absent cashier (its day still open); a reversal pays out of a till, so only a cashier reverses
                render: (_: unknown, r: Account['receipts'][number]) => (
                  <Space>
                    {till && <Button size="small" onClick={() => setPrinting(r.id)}>{t('fees.print')}</Button>}
                    {!r.voidReason && (r.dayClosed ? till : true) && <Button size="small" danger onClick={() => setVoiding({ id: r.id, number: r.number, reverse: !!r.dayClosed })}>{t(r.dayClosed ? 'fees.reverseAction' : 'fees.voidAction')}</Button>}
                  </Space>
                ),
              }] : []),
            ]}
          />
        </Card>
      )}
      {printing && <ReceiptPreview id={printing} paper={paper} onClose={() => setPrinting(null)} />}
      {acct && <CancelChargeModal room={acct.room.code} line={cancelling} onClose={() => setCancelling(null)} onCancelled={() => { setCancelling(null); void load(acct.room.id); }} />}
      <VoidModal receipt={voiding} onClose={() => setVoiding(null)} onVoided={() => { setVoiding(null); if (acct) void load(acct.room.id); }} />
    </Flex>
  );
}

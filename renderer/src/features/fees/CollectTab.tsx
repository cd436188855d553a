import { MoreOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Dropdown, Empty, Flex, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiFailure, call } from '../../api';
import { errorText, useShowError } from '../../app/errors';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { PayPanel, TILL_IDS, totals, type PayState } from './PayPanel';
import { ClosedDayBanner, KeysBar, type TillDayState } from './TillDay';
import { PaperChoice, ReceiptPreview, type ReceiptPaper } from './ReceiptPreview';
import { RoomPicker } from './RoomPicker';
import { DepositsCard } from './DepositsCard';
import { formatYuan, parseYuan, yuan, type Account, type OwedLine } from './shared';
import { VoidModal } from './VoidModal';
import { CancelChargeModal } from './CancelChargeModal';

const fresh = (): PayState => ({ prepay: '', methods: [{ method: 'cash', amount: '' }], tendered: '' });
let paperChoice: ReceiptPaper = 'A5';

/** Focus an input by id (the till's shortcut keys), selecting what is in it. */
function focusId(id: string): boolean {
  const el = document.getElementById(id) as HTMLInputElement | null;
  if (!el) return false;
  el.focus();
  el.select?.();
  return true;
}

/**
 * The cashier at the desk: find the room, see everything it owes oldest first, pick the
 * lines (all by default; an amount may be lowered to take part of a line), take the money,
 * and the receipt opens for printing. Receptionists see the same account without the till.
 * By keyboard: room code, Enter (every line is picked), F8 to the cash tendered (or the
 * reference of a non-cash method), Enter takes the payment and opens the preview, Enter prints.
 */
export function CollectTab({ initialRoom }: { initialRoom?: string }) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const till = can('fees.collect');
  const approver = can('fees.approve_void');
  // every pick reads the account again, even of the room already open (a charge added meanwhile in another window shows)
  const [pick, setPick] = useState<{ id: string; n: number } | null>(initialRoom ? { id: initialRoom, n: 0 } : null);
  const roomId = pick?.id ?? null;
  const [day, setDay] = useState<TillDayState | null>(null);
  const [required, setRequired] = useState<readonly string[]>([]);
  const [dup, setDup] = useState<{ text: string; note: string } | null>(null);
  const wrap = useRef<HTMLDivElement>(null);
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
  useEffect(() => { if (pick) void load(pick.id); }, [pick, load]);
  const loadDay = useCallback(async () => {
    if (!till) return;
    try {
      setDay(await call('fees.tillDay', {}));
    } catch (e) {
      showError(e);
    }
  }, [till, showError]);
  useEffect(() => {
    void loadDay();
    if (till) call('settings.get').then((s) => setRequired(s.settings.referenceRequired), () => undefined);
  }, [till, loadDay]);

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

  const dayClosed = !!day?.closed;
  // F9, the pay button and the duplicate-reference dialog's OK all take the payment: a second
  // press before the spinner is drawn (busy is a render behind) must not take it twice
  const paying = useRef(false);
  async function takePayment(referenceNote?: string) {
    if (!acct || badLine || busy || paying.current || dayClosed) return;
    const sum = totals(linesTotal, pay);
    if (sum.bad || sum.paid !== sum.total || sum.total <= 0) return;
    paying.current = true;
    setBusy(true);
    try {
      const r = await call('fees.pay', {
        roomId: acct.room.id,
        payer: acct.payer || undefined,
        lines: chosen.map((l) => ({ billId: l.id, amount: lineFen(l)! })),
        prepay: sum.prepay || undefined,
        methods: pay.methods.map((m) => ({
          method: m.method, amount: parseYuan(m.amount)!,
          ...(m.reference?.trim() && m.method !== 'cash' && m.method !== 'credit' ? { reference: m.reference.trim(), referenceNote } : {}),
        })).filter((m) => m.amount > 0),
        tendered: sum.tendered ?? undefined,
      });
      void message.success(t('fees.paid', { number: r.number, change: yuan(r.change) }));
      setDup(null);
      await load(acct.room.id);
      setPrinting(r.id);
    } catch (e) {
      const code = e instanceof ApiFailure ? e.error.code : '';
      if (code === 'fees.reference_duplicate') {
        // warned, and taken with a reason: the amounts typed stay as they are
        setDup({ text: errorText(e, locale, ''), note: '' });
        return;
      }
      if (code === 'fees.day_closed') await loadDay(); // said at the till, and it stays there
      else showError(e);
      await load(acct.room.id);
    } finally {
      paying.current = false;
      setBusy(false);
    }
  }

  const pay_ = useRef(takePayment);
  pay_.current = takePayment;
  useEffect(() => {
    if (!till) return;
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('.ant-modal-wrap:not([style*="display: none"]) .ant-modal')) return; // a dialog has the keys
      const go: Record<string, () => boolean | void> = {
        F2: () => { const el = wrap.current?.querySelector<HTMLInputElement>('[data-testid="fees-room-search"] input, input[data-testid="fees-room-search"]'); el?.focus(); el?.select(); },
        F4: () => focusId(TILL_IDS.method),
        F8: () => focusId(TILL_IDS.tendered) || focusId(TILL_IDS.reference(0)) || focusId(TILL_IDS.reference(1)),
        F9: () => void pay_.current(),
      };
      const f = go[e.key];
      if (!f || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      f();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [till]);

  return (
    <Flex vertical gap={12} ref={wrap}>
      {till && day && <ClosedDayBanner state={day} onReopened={() => void loadDay()} />}
      <Flex gap={12} align="center" wrap>
        <RoomPicker autoFocus onPick={(id) => setPick((p) => ({ id, n: (p?.n ?? 0) + 1 }))} />
        {acct && (
          <Space size="large" data-testid="room-summary">
            <Typography.Text strong style={{ fontSize: 18 }}>{acct.room.code}</Typography.Text>
            <span>{t('fees.payer')}{t('common.colon')}{acct.payer || '—'}</span>
            <span>{t('fees.totalOwed')}{t('common.colon')}<b data-testid="total-owed">{yuan(acct.totalOwed)}</b></span>
            {acct.credit > 0 && <Tag color="green">{t('fees.credit', { amount: yuan(acct.credit) })}</Tag>}
          </Space>
        )}
      </Flex>
      {till && <KeysBar />}
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
                  // cancelling a charge sits in the row's menu, out of the way of the amount boxes and of Tab
                  key: 'more', width: 40,
                  render: (_: unknown, l: OwedLine) => !l.paid && (
                    <Dropdown trigger={['click']} menu={{
                      items: [{ key: 'cancel', danger: true, label: <span data-testid={`cancel-${l.period}-${l.itemCode}`}>{t('fees.cancelCharge')}</span> }],
                      onClick: () => setCancelling(l),
                    }}>
                      <Button size="small" type="text" icon={<MoreOutlined />} tabIndex={-1} aria-label={t('fees.lineMenu')} data-testid={`line-menu-${l.period}-${l.itemCode}`} />
                    </Dropdown>
                  ),
                }] : []),
              ]}
            />
            {badLine && <Alert type="error" showIcon message={t('fees.badLineAmount')} style={{ marginTop: 8 }} />}
          </Card>
          {till && (
            <Card size="small" title={t('fees.payment')} style={{ flex: 1, minWidth: 320 }}>
              <PayPanel linesTotal={linesTotal} state={pay} onChange={setPay} onPay={() => void takePayment()} busy={busy} closed={dayClosed} required={required} />
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
      <Modal open={!!dup} title={t('fees.dupTitle')} okText={t('fees.dupTake')} cancelText={t('common.cancel')} onCancel={() => setDup(null)} destroyOnHidden
        okButtonProps={{ disabled: (dup?.note.trim().length ?? 0) < 2, loading: busy }} onOk={() => void takePayment(dup?.note.trim())}>
        <Alert type="warning" showIcon message={dup?.text} style={{ marginBottom: 12 }} />
        <Input autoFocus value={dup?.note ?? ''} maxLength={200} aria-label={t('fees.dupReason')} placeholder={t('fees.dupReason')}
          onChange={(e) => setDup((d) => d && { ...d, note: e.target.value })} />
      </Modal>
      <VoidModal receipt={voiding} onClose={() => setVoiding(null)} onVoided={() => { setVoiding(null); if (acct) void load(acct.room.id); }} />
    </Flex>
  );
}

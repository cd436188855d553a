import { App, Button, Card, Descriptions, Flex, Modal, Select, Table, Tag } from 'antd';
import { DatePicker } from '../../time/DatePicker';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { Refused } from '../../app/Refused';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { PrintPreview } from '../../print/PrintPreview';
import { downloadFile } from '../../shared/transfer';
import { siteClock, siteTime } from '../../time/deskTime';
import { formatYuan, yuan, type DayReport } from './shared';
import { FindReceipt } from './FindReceipt';

/** The day close (日结) as printed on A4: totals by method, the number range, the voids, the cash to hand over. */
function DayDoc({ r, site }: { r: DayReport; site: string }) {
  const { t } = useI18n();
  return (
    <section className="print-page fee-doc">
      <h1>{site}</h1>
      <h2>{t('fees.dayTitle')}{r.closed ? '' : `（${t('fees.notClosed')}）`}</h2>
      <div className="meta"><span>{t('fees.cashier')}{t('common.colon')}{r.cashier.name}</span><span>{t('fees.day')}{t('common.colon')}{r.day}</span></div>
      <table>
        <tbody>
          <tr><td>{t('fees.receiptRange')}</td><td>{r.firstNumber ? `${r.firstNumber} — ${r.lastNumber}` : '—'}</td></tr>
          <tr><td>{t('fees.receiptCount')}</td><td>{t('fees.countLine', { valid: r.count, void: r.voidCount })}</td></tr>
          {r.byMethod.map((m) => <tr key={m.method}><td>{t(`fees.method.${m.method}`)}</td><td className="num">{yuan(m.amount)}（{m.count}）</td></tr>)}
          {r.reversals.length > 0 && <tr><td>{t('fees.reversalsOut')}</td><td className="num">−{yuan(r.reversals.reduce((s, x) => s + x.total, 0))}（{r.reversals.map((x) => `${x.number} ${x.reason}，${t('fees.approver')}${t('common.colon')}${x.approver}`).join('；')}）</td></tr>}
          {r.refunds.length > 0 && <tr><td>{t('fees.refundsOut')}</td><td className="num">−{yuan(r.refunds.reduce((s, x) => s + x.total, 0))}（{r.refunds.map((x) => x.number).join('、')}）</td></tr>}
          <tr><td><b>{t('fees.dayTotal')}</b></td><td className="num"><b>{yuan(r.total)}</b></td></tr>
          <tr><td><b>{t('fees.cashToHand')}</b></td><td className="num"><b>{yuan(r.cashToHandOver)}</b></td></tr>
        </tbody>
      </table>
      {r.receipts.some((x) => x.references.length) && (
        <table>
          <thead><tr><th>{t('fees.receiptNo')}</th><th>{t('fees.method')}</th><th>{t('fees.reference')}</th></tr></thead>
          <tbody>{r.receipts.flatMap((x) => x.references.map((f) => (
            <tr key={`${x.id}-${f.method}`}><td>{x.number}</td><td>{t(`fees.method.${f.method as 'wechat'}`)}</td><td>{f.reference}{f.reference_note ? `（${f.reference_note}）` : ''}</td></tr>
          )))}</tbody>
        </table>
      )}
      {r.shifts.length > 0 && <div>{t('fees.dayShifts')}{t('common.colon')}{r.shifts.map((x) => `${x.number}${x.incoming ? ` → ${x.incoming}` : ''}`).join('；')}</div>}
      {r.history.length > 1 && <div>{t('fees.dayHistory')}{t('common.colon')}{r.history.map((h) => `${siteTime(h.created_at)} ${t(`fees.history.${h.kind as 'close'}`)} ${h.by}${h.reason ? `（${h.reason}，${h.approver}）` : ''}`).join('；')}</div>}
      {r.voids.length > 0 && (
        <table>
          <thead><tr><th>{t('fees.voidedReceipts')}</th><th className="num">{t('fees.amount')}</th><th>{t('fees.voidReason')}</th><th>{t('fees.voidedBy')}</th><th>{t('fees.approver')}</th></tr></thead>
          <tbody>{r.voids.map((v) => <tr key={v.number}><td>{v.number}</td><td className="num">{formatYuan(v.total)}</td><td>{v.reason}</td><td>{v.voidedBy}</td><td>{v.approver}</td></tr>)}</tbody>
        </table>
      )}
      <div className="sign" style={{ marginTop: '12mm' }}>
        <span>{t('fees.signCashier')}＿＿＿＿＿＿</span><span>{t('fees.signReceiver')}＿＿＿＿＿＿</span>
      </div>
      {r.closed && <div style={{ marginTop: '4mm' }}>{t('fees.closedAt', { at: siteTime(r.closed.at), by: r.closed.by })}</div>}
    </section>
  );
}

/** A cashier's day, own by default; a supervisor picks any cashier who took money that day. */
export function DayTab() {
  const { t, locale } = useI18n();
  const { can, me } = useSession();
  const { modal, message } = App.useApp();
  const showError = useShowError();
  // No day picked means the desk's today, as the store's clock says (not the browser's)
  const [day, setDay] = useState<Dayjs | null>(null);
  const [cashierId, setCashierId] = useState<string | undefined>(undefined);
  const [printing, setPrinting] = useState(false);
  const d = day?.format('YYYY-MM-DD');
  const overseer = can('fees.approve_void');
  const cashiers = useLoad(() => (overseer ? call('fees.dayCashiers', { day: d }) : Promise.resolve([])), [d, overseer]);
  const mine = can('fees.collect');
  const who = cashierId ?? (mine ? undefined : cashiers.data?.[0]?.id);
  const report = useLoad(() => (mine || who ? call('fees.dayReport', { day: d, cashierId: who }) : Promise.resolve(null)), [d, who, mine]);

  function close(shown: string) {
    modal.confirm({
      title: t('fees.closeConfirm', { day: shown }), content: t('fees.closeHelp'), okText: t('fees.closeDay'), cancelText: t('common.cancel'),
      // the button that opens this carries the same words: tests (and screen readers) tell them apart by id
      okButtonProps: { ...{ 'data-testid': 'close-day-ok' } },
      onOk: async () => {
        try {
          await call('fees.closeDay', { day: shown });
          void message.success(t('fees.closed', { day: shown }));
          await report.reload();
        } catch (e) {
          showError(e);
        }
      },
    });
  }

  /** The day's payments, each with its reference, as an .xlsx for reconciling with the statements. */
  async function exportXlsx(shown: string) {
    try {
      const f = await call('fees.dayExport', { day: shown, cashierId: who, locale });
      await downloadFile(f.fileId);
      void message.success(t('fees.exported', { name: f.name }));
    } catch (e) {
      showError(e);
    }
  }

  if (report.error) return <Refused error={report.error} />;
  const r = report.data;
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center">
        <DatePicker value={day ?? (r ? dayjs(r.day) : null)} onChange={(v) => v && setDay(v)} allowClear={false} data-testid="day-picker" />
        {overseer && (
          <Select style={{ width: 200 }} placeholder={t('fees.pickCashier')} value={cashierId} onChange={setCashierId} allowClear={mine} data-testid="day-cashier"
            options={(cashiers.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.receipts}）${c.closed ? ' ✓' : ''}` }))} />
        )}
        {r && <Button onClick={() => setPrinting(true)} data-testid="day-print">{t('fees.printDay')}</Button>}
        {r && <Button onClick={() => void exportXlsx(r.day)} data-testid="day-export">{t('fees.exportXlsx')}</Button>}
        {r && mine && !cashierId && !r.closed && <Button type="primary" danger onClick={() => close(r.day)} data-testid="close-day">{t('fees.closeDay')}</Button>}
        <FindReceipt />
        {r?.closed && <Tag color="blue" data-testid="day-closed">{t('fees.closedAt', { at: siteClock(r.closed.at), by: r.closed.by })}</Tag>}
      </Flex>
      {r && (
        <Card size="small" title={`${t('fees.dayTitle')} · ${r.cashier.name} · ${r.day}`}>
          <Descriptions size="small" column={3} data-testid="day-summary" items={[
            { key: 'range', label: t('fees.receiptRange'), children: r.firstNumber ? `${r.firstNumber} — ${r.lastNumber}` : '—' },
            { key: 'count', label: t('fees.receiptCount'), children: t('fees.countLine', { valid: r.count, void: r.voidCount }) },
            { key: 'total', label: t('fees.dayTotal'), children: yuan(r.total) },
            ...r.byMethod.map((m) => ({ key: m.method, label: t(`fees.method.${m.method}`), children: `${yuan(m.amount)}（${m.count}）` })),
            ...(r.reversals.length ? [{ key: 'reversals', label: t('fees.reversalsOut'), children: `−${yuan(r.reversals.reduce((s, x) => s + x.total, 0))}（${r.reversals.map((x) => x.number).join('、')}）` }] : []),
            ...(r.refunds.length ? [{ key: 'refunds', label: t('fees.refundsOut'), children: `−${yuan(r.refunds.reduce((s, x) => s + x.total, 0))}` }] : []),
            { key: 'cash', label: t('fees.cashToHand'), children: <b>{yuan(r.cashToHandOver)}</b> },
          ]} />
          <Table rowKey="id" size="small" pagination={false} dataSource={r.receipts} data-testid="day-receipts" style={{ marginTop: 8 }}
            columns={[
              { title: t('fees.receiptNo'), dataIndex: 'number' },
              { title: t('fees.room'), dataIndex: 'roomCode' },
              { title: t('fees.payer'), dataIndex: 'payer' },
              { title: t('fees.amount'), dataIndex: 'total', align: 'right', render: (v: number) => formatYuan(v) },
              { title: t('fees.reference'), key: 'ref', render: (_, x) => x.references.map((f) => `${t(`fees.method.${f.method as 'wechat'}`)} ${f.reference}`).join('；') },
              { title: t('fees.status'), key: 's', render: (_, x) => (x.voidReason ? <Tag color="red">{t('fees.void')}{t('common.colon')}{x.voidReason}</Tag> : <Tag color="green">{t('fees.valid')}</Tag>) },
            ]} />
        </Card>
      )}
      {printing && r && (
        <PrintPreview open onClose={() => setPrinting(false)} title={t('fees.dayTitle')} paper="A4" fileName={`day-${r.day}-${r.cashier.name}.pdf`}>
          <DayDoc r={r} site={me.site?.name ?? ''} />
        </PrintPreview>
      )}
    </Flex>
  );
}

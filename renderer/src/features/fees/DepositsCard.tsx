import { App, Button, Card, Input, Modal, Select, Space, Table } from 'antd';
import { Form } from '../../shared/Form';
import { useState } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { formatYuan, METHODS, parseYuan } from './shared';

type Held = OpOutput<'fees.deposits'>[number];

/**
 * A room's one-off charges and deposits: add one to the account (then take it like any
 * line), and refund a paid deposit on its own numbered document, printed for the payee to sign.
 */
export function DepositsCard({ roomId, payer, onChanged, onPrint }: { roomId: string; payer: string; onChanged(): void; onPrint(id: string): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const held = useLoad(() => call('fees.deposits', { roomId }), [roomId]);
  const items = useLoad(() => call('fees.items'), []);
  const [charging, setCharging] = useState(false);
  const [refunding, setRefunding] = useState<Held | null>(null);
  const [chargeForm] = Form.useForm<{ itemId: string; amount: string }>();
  const [refundForm] = Form.useForm<{ amount: string; method: 'cash'; payee: string; reason: string }>();
  const manual = (items.data ?? []).filter((i) => i.active && (i.kind === 'oneoff' || i.kind === 'deposit'));
  const money = { validator: async (_: unknown, v: string) => { if (v && (parseYuan(v) ?? 0) <= 0) throw new Error(t('fees.badLineAmount')); } };

  async function charge(v: { itemId: string; amount: string }) {
    try {
      await call('fees.charge', { roomId, itemId: v.itemId, amount: parseYuan(v.amount)! });
      setCharging(false);
      onChanged();
    } catch (e) {
      showError(e);
    }
  }
  async function refund(v: { amount: string; method: 'cash'; payee: string; reason: string }) {
    try {
      const r = await call('fees.refundDeposit', { lineId: refunding!.lineId, amount: parseYuan(v.amount)!, method: v.method, payee: v.payee, reason: v.reason });
      void message.success(t('fees.refunded', { number: r.number }));
      setRefunding(null);
      await held.reload();
      onChanged();
      onPrint(r.id);
    } catch (e) {
      showError(e);
    }
  }

  const required = { required: true, message: t('common.required') };
  return (
    <Card size="small" title={t('fees.deposits')} extra={manual.length > 0 && <Button size="small" onClick={() => { chargeForm.resetFields(); setCharging(true); }} data-testid="add-charge">{t('fees.addCharge')}</Button>}>
      <Table<Held> rowKey="lineId" size="small" pagination={false} dataSource={held.data ?? []} locale={{ emptyText: t('fees.noDeposits') }} data-testid="deposits-table"
        columns={[
          { title: t('fees.item'), dataIndex: 'itemName' },
          { title: t('fees.receiptNo'), dataIndex: 'number' },
          { title: t('fees.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => formatYuan(v) },
          { title: t('common.actions'), key: 'a', render: (_, d) => <Button size="small" onClick={() => { refundForm.setFieldsValue({ amount: formatYuan(d.amount).replace(/,/g, ''), method: 'cash', payee: d.payer || payer, reason: '' }); setRefunding(d); }}>{t('fees.refund')}</Button> },
        ]} />
      <Modal open={charging} title={t('fees.addCharge')} onCancel={() => setCharging(false)} onOk={() => chargeForm.submit()} okText={t('common.save')} cancelText={t('common.cancel')} forceRender>
        <Form form={chargeForm} name="charge" layout="vertical" onFinish={(v) => charge(v)} requiredMark={false}>
          <Form.Item name="itemId" label={t('fees.item')} rules={[required]}><Select options={manual.map((i) => ({ value: i.id, label: `${i.name}（${t(`fees.kind.${i.kind}`)}）` }))} /></Form.Item>
          <Form.Item name="amount" label={t('fees.amount')} rules={[required, money]}><Input prefix="¥" /></Form.Item>
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </Modal>
      <Modal open={!!refunding} title={t('fees.refundTitle', { item: refunding?.itemName ?? '' })} onCancel={() => setRefunding(null)} onOk={() => refundForm.submit()} okText={t('fees.refund')} cancelText={t('common.cancel')} forceRender>
        <Form form={refundForm} name="refund" layout="vertical" onFinish={(v) => refund(v)} requiredMark={false}>
          <Space.Compact block>
            <Form.Item name="amount" label={t('fees.amount')} rules={[required, money]} style={{ flex: 1 }}><Input prefix="¥" /></Form.Item>
            <Form.Item name="method" label={t('fees.method')} style={{ flex: 1 }}><Select options={METHODS.filter((m) => m !== 'credit').map((m) => ({ value: m, label: t(`fees.method.${m}`) }))} /></Form.Item>
          </Space.Compact>
          <Form.Item name="payee" label={t('fees.payee')} rules={[required]}><Input /></Form.Item>
          <Form.Item name="reason" label={t('fees.refundReason')} rules={[required, { min: 2, max: 200 }]}><Input /></Form.Item>
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </Modal>
    </Card>
  );
}

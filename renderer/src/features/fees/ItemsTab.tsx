import { App, Button, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { Form } from '../../shared/Form';
import { useState } from 'react';
import type { OpInput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { Refused } from '../../app/Refused';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { formatPrice, parsePrice, type FeeItem } from './shared';

type ItemFields = Omit<OpInput<'fees.saveItem'>, 'firstRate'> & { validFrom?: string; price?: string };
interface RateFields { validFrom: string; price: string }

const KINDS = ['area', 'metered', 'fixed', 'oneoff', 'deposit'] as const;
const APPLIES = ['all', 'residential', 'shop', 'office', 'parking', 'other'] as const;

/** Fee items and their dated prices (admin). A price is never edited: a new one starts from a later month. */
export function ItemsTab() {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const items = useLoad(() => call('fees.items'), []);
  const [editing, setEditing] = useState<Partial<ItemFields> | null>(null);
  const [rateFor, setRateFor] = useState<FeeItem | null>(null);
  const [itemForm] = Form.useForm<ItemFields>();
  const [rateForm] = Form.useForm<RateFields>();
  const kind = Form.useWatch('kind', itemForm);
  const admin = can('settings.manage');
  if (items.error) return <Refused error={items.error} />;

  async function saveItem({ validFrom, price, ...v }: ItemFields) {
    try {
      // a new item takes its first price in the same step
      await call('fees.saveItem', { ...editing, ...v, firstRate: !editing?.id && price && validFrom ? { validFrom, price } : undefined });
      void message.success(t('common.saved'));
      setEditing(null);
      await items.reload();
    } catch (e) {
      showError(e);
    }
  }
  async function addRate(v: RateFields) {
    try {
      await call('fees.addRate', { itemId: rateFor!.id, ...v });
      void message.success(t('common.saved'));
      setRateFor(null);
      await items.reload();
    } catch (e) {
      showError(e);
    }
  }

  const required = { required: true, message: t('common.required') };
  return (
    <>
      {admin && <Button type="primary" style={{ marginBottom: 12 }} onClick={() => { itemForm.resetFields(); setEditing({}); }} data-testid="add-item">{t('fees.addItem')}</Button>}
      <Table<FeeItem> rowKey="id" size="small" loading={items.loading} dataSource={items.data ?? []} pagination={false} data-testid="items-table"
        columns={[
          { title: t('fees.code'), dataIndex: 'code', width: 80 },
          { title: t('fees.item'), dataIndex: 'name', render: (n: string, r) => <>{n}{r.fromHeadOffice && <Tag color="purple" style={{ marginLeft: 8 }} title={t('sync.ref.owned')}>{t('sync.ref.tag')}</Tag>}</> },
          { title: t('fees.kind'), dataIndex: 'kind', render: (k: FeeItem['kind'], r) => `${t(`fees.kind.${k}`)}${r.meter ? ` · ${t(`fees.meter.${r.meter}`)}` : ''}` },
          { title: t('fees.appliesTo'), dataIndex: 'applies_to', render: (a: FeeItem['applies_to']) => t(`fees.applies.${a}`) },
          { title: t('fees.rates'), key: 'rates', render: (_, r) => r.rates.map((x, i) => <Tag key={x.id} color={i === 0 ? 'blue' : 'default'}>{t('fees.rateFrom', { from: x.valid_from, price: formatPrice(x.price_e4), unit: r.unit })}</Tag>) },
          { title: t('fees.status'), dataIndex: 'active', render: (a: number) => (a ? t('fees.active') : t('fees.retired')) },
          ...(admin ? [{
            title: t('common.actions'), key: 'a', render: (_: unknown, r: FeeItem) => (r.fromHeadOffice ? <span>{t('sync.ref.owned')}</span> : (
              <Space>
                <Button size="small" onClick={() => { itemForm.setFieldsValue({ code: r.code, name: r.name, kind: r.kind, meter: r.meter, unit: r.unit, appliesTo: r.applies_to, active: !!r.active }); setEditing({ id: r.id }); }}>{t('fees.edit')}</Button>
                <Button size="small" onClick={() => { rateForm.resetFields(); setRateFor(r); }}>{t('fees.newRate')}</Button>
              </Space>
            )),
          }] : []),
        ]} />
      <Modal open={!!editing} title={t(editing?.id ? 'fees.editItem' : 'fees.addItem')} onCancel={() => setEditing(null)} onOk={() => itemForm.submit()} okText={t('common.save')} cancelText={t('common.cancel')} forceRender width={640}>
        <Form form={itemForm} name="feeItem" layout="vertical" onFinish={saveItem} requiredMark={false} initialValues={{ kind: 'area', appliesTo: 'all', active: true }}
          className="fee-item-grid">
          <Form.Item name="code" label={t('fees.code')} rules={[required, { pattern: /^[0-9A-Za-z_-]{1,16}$/, message: t('fees.codeHelp') }]}><Input /></Form.Item>
          <Form.Item name="name" label={t('fees.item')} rules={[required, { max: 40 }]}><Input /></Form.Item>
          <Form.Item name="kind" label={t('fees.kind')}><Select disabled={!!editing?.id} options={KINDS.map((k) => ({ value: k, label: t(`fees.kind.${k}`) }))} /></Form.Item>
          {kind === 'metered' && <Form.Item name="meter" label={t('fees.meter')} rules={[required]}><Select disabled={!!editing?.id} options={(['water', 'electricity', 'gas'] as const).map((m) => ({ value: m, label: t(`fees.meter.${m}`) }))} /></Form.Item>}
          <Form.Item name="unit" label={t('fees.unit')} rules={[{ max: 8 }]}><Input placeholder="m² / 吨 / 度 / 月" /></Form.Item>
          <Form.Item name="appliesTo" label={t('fees.appliesTo')}><Select options={APPLIES.map((a) => ({ value: a, label: t(`fees.applies.${a}`) }))} /></Form.Item>
          <Form.Item name="active" label={t('fees.status')}><Select options={[{ value: true, label: t('fees.active') }, { value: false, label: t('fees.retired') }]} /></Form.Item>
          {!editing?.id && (
            <>
              <Form.Item name="price" label={t('fees.firstPrice')} extra={t('fees.priceHelp')}
                rules={[{ validator: async (_, v: string) => { if (v && parsePrice(v) === null) throw new Error(t('fees.badPrice')); } }]}><Input prefix="¥" data-testid="item-first-price" /></Form.Item>
              <Form.Item name="validFrom" label={t('fees.validFrom')} dependencies={['price']}
                rules={[({ getFieldValue }) => ({ required: !!getFieldValue('price'), message: t('common.required') }), { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: 'YYYY-MM' }]}>
                <Input placeholder="2027-01" data-testid="item-first-from" />
              </Form.Item>
            </>
          )}
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </Modal>
      <Modal open={!!rateFor} title={t('fees.newRateFor', { item: rateFor?.name ?? '' })} onCancel={() => setRateFor(null)} onOk={() => rateForm.submit()} okText={t('common.save')} cancelText={t('common.cancel')} forceRender>
        <Form form={rateForm} name="feeRate" layout="vertical" onFinish={addRate} requiredMark={false}>
          <Form.Item name="validFrom" label={t('fees.validFrom')} rules={[required, { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: 'YYYY-MM' }]}><Input placeholder="2027-01" /></Form.Item>
          <Form.Item name="price" label={t('fees.price')} extra={t('fees.priceHelp')}
            rules={[required, { validator: async (_, v: string) => { if (v && parsePrice(v) === null) throw new Error(t('fees.badPrice')); } }]}><Input prefix="¥" /></Form.Item>
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </Modal>
    </>
  );
}

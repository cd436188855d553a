import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, InputNumber, Modal, Radio, Table, Tag, Typography } from 'antd';
import { Form } from '../../shared/Form';
import { useState } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { siteDateTime } from '../../../../db/time/site-time';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { RoomPicker } from '../fees/RoomPicker';

type Key = OpOutput<'handovers.keys'>[number];

/** 钥匙登记: the keys the desk holds, lent and taken back; what is out goes onto the shift handover. */
export function KeysTab() {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const keys = useLoad(() => call('handovers.keys', {}), []);
  const off = useLoad(() => call('time.today'), []).data?.utcOffsetMinutes ?? 480;
  const [adding, setAdding] = useState(false);
  const [lending, setLending] = useState<Key | null>(null);
  const back = (k: Key) => void call('handovers.returnKey', { keyId: k.id }).then(() => { void message.success(t('ho.saved')); void keys.reload(); }, showError);
  return (
    <Card size="small" title={t('ho.keys.tab')} data-testid="keys-tab"
      extra={can('handovers.write') && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="key-add">{t('ho.keys.add')}</Button>}>
      <Table<Key> rowKey="id" size="small" loading={keys.loading} dataSource={keys.data ?? []} pagination={false} locale={{ emptyText: t('ho.none') }}
        expandable={{ expandedRowRender: (k) => <KeyHistory keyId={k.id} off={off} /> }}
        columns={[
          { title: t('ho.keys.label'), dataIndex: 'label' },
          { title: t('ho.keys.kind'), dataIndex: 'kind', render: (k: 'public' | 'spare') => t(`ho.keys.kind.${k}`) },
          { title: t('ho.keys.room'), dataIndex: 'roomCode' },
          { title: t('ho.keys.count'), dataIndex: 'count' },
          { title: t('ho.keys.state'), render: (_, k) => (k.borrower ? <Tag color="orange">{t('ho.keys.out')} · {k.borrower} · {siteDateTime(k.lent_at!, off)}</Tag> : <Tag color="green">{t('ho.keys.in')}</Tag>) },
          { title: '', render: (_, k) => (k.borrower
            ? <Button size="small" onClick={() => back(k)} data-testid={`key-return-${k.label}`}>{t('ho.keys.return')}</Button>
            : <Button size="small" onClick={() => setLending(k)} data-testid={`key-lend-${k.label}`}>{t('ho.keys.lend')}</Button>) },
        ]} />
      {adding && <AddKey onClose={() => setAdding(false)} onDone={() => { setAdding(false); void keys.reload(); }} />}
      {lending && <LendKey k={lending} onClose={() => setLending(null)} onDone={() => { setLending(null); void keys.reload(); }} />}
    </Card>
  );
}

function KeyHistory({ keyId, off }: { keyId: string; off: number }) {
  const { t } = useI18n();
  const h = useLoad(() => call('handovers.keyHistory', { keyId }), [keyId]);
  return (
    <Flex vertical gap={2}>
      <Typography.Text strong>{t('ho.keys.history')}</Typography.Text>
      {(h.data ?? []).map((l) => (
        <Typography.Text key={l.id}>{siteDateTime(l.lent_at, off)} · {l.borrower}{l.purpose ? `（${l.purpose}）` : ''} · {l.lentBy}{l.returned_at ? ` → ${siteDateTime(l.returned_at, off)} · ${l.returnedBy ?? ''}` : ''}</Typography.Text>
      ))}
    </Flex>
  );
}

function AddKey({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const showError = useShowError();
  const [form] = Form.useForm<{ label: string; kind: 'public' | 'spare'; count: number; note?: string }>();
  const [room, setRoom] = useState<{ id: string; code: string } | null>(null);
  const kind = Form.useWatch('kind', form);
  const required = { required: true, message: t('common.required') };
  return (
    <Modal open title={t('ho.keys.add')} onCancel={onClose} onOk={() => form.submit()} okText={t('ho.save')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} name="desk-key" layout="vertical" requiredMark={false} initialValues={{ kind: 'public', count: 1 }}
        onFinish={(v) => call('handovers.saveKey', { ...v, roomId: v.kind === 'spare' ? room?.id ?? null : null }).then(onDone, showError)}>
        <Form.Item name="label" label={t('ho.keys.label')} rules={[required]}><Input data-testid="key-label" /></Form.Item>
        <Form.Item name="kind" label={t('ho.keys.kind')}>
          <Radio.Group options={(['public', 'spare'] as const).map((k) => ({ value: k, label: t(`ho.keys.kind.${k}`) }))} />
        </Form.Item>
        {kind === 'spare' && <Form.Item label={t('ho.keys.room')}>{room ? <Tag closable onClose={() => setRoom(null)}>{room.code}</Tag> : <RoomPicker onPick={(id, code) => setRoom({ id, code })} />}</Form.Item>}
        <Form.Item name="count" label={t('ho.keys.count')} rules={[required]}><InputNumber min={1} max={100} data-testid="key-count" /></Form.Item>
        <Form.Item name="note" label={t('ho.remarks')}><Input /></Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

function LendKey({ k, onClose, onDone }: { k: Key; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const showError = useShowError();
  const [form] = Form.useForm<{ borrower: string; purpose?: string }>();
  return (
    <Modal open title={`${t('ho.keys.lend')} · ${k.label}`} onCancel={onClose} onOk={() => form.submit()} okText={t('ho.keys.lend')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} name="key-lend" layout="vertical" requiredMark={false} onFinish={(v) => call('handovers.lendKey', { keyId: k.id, ...v }).then(onDone, showError)}>
        <Form.Item name="borrower" label={t('ho.keys.borrower')} rules={[{ required: true, message: t('common.required') }]}><Input data-testid="key-borrower" /></Form.Item>
        <Form.Item name="purpose" label={t('ho.keys.purpose')}><Input data-testid="key-purpose" /></Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

import { AutoComplete, Button, Card, Col, Input, Radio, Row, Select } from 'antd';
import { DatePicker } from '../../time/DatePicker';
import { siteInstant } from '../../time/deskTime';
import { Form } from '../../shared/Form';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import type { OpInput, OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { CHANNELS, KINDS, options, type Category } from './labels';
import { useSaveCase } from './useSaveCase';

type Fields = Omit<OpInput<'complaints.create'>, 'receivedAt'> & { receivedAt?: Dayjs };
type Contact = OpOutput<'complaints.roomContacts'>[number];

/**
 * Logging a case in under a minute: the kind and channel are one keystroke-sized choice
 * each, the room search fills in who lives there, and Ctrl+Enter saves from any field.
 * After saving, the case page opens so it can be dispatched at once.
 */
export function LogCaseForm({ categories }: { categories: Category[] | undefined }) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const showError = useShowError();
  const [form] = Form.useForm<Fields>();
  const [rooms, setRooms] = useState<{ value: string; label: string }[]>([]);
  const [contacts, setContacts] = useState<Contact[]>([]);
  const latest = useRef('');
  const { save: logCase, saving } = useSaveCase();

  async function searchRooms(q: string) {
    latest.current = q;
    if (!q.trim() || !can('registry.read')) return setRooms([]);
    try {
      const hits = await call('registry.search', { q: q.trim().slice(0, 40), limit: 20 });
      if (latest.current !== q) return;
      const seen = new Set<string>();
      setRooms(hits.filter((h) => !seen.has(h.roomId) && seen.add(h.roomId)).map((h) => ({ value: h.roomId, label: h.occupantName ? `${h.code}  ${h.occupantName}` : h.code })));
    } catch (e) {
      showError(e);
    }
  }

  async function pickRoom(roomId: string | undefined) {
    setContacts([]);
    if (!roomId) return;
    try {
      const list = await call('complaints.roomContacts', { roomId });
      setContacts(list);
      if (list[0] && !form.isFieldTouched('complainant')) form.setFieldsValue({ complainant: list[0].name, phone: list[0].phone });
    } catch (e) {
      showError(e);
    }
  }

  const save = (v: Fields) => logCase({ ...v, roomId: v.roomId ?? null, receivedAt: v.receivedAt ? siteInstant(v.receivedAt) : undefined });

  const required = { required: true, message: t('common.required') };
  const cats = (categories ?? []).filter((c) => c.active).map((c) => ({ value: c.code, label: locale === 'en-US' ? c.name_en : c.name_zh }));
  return (
    <Card title={t('cmp.new')} style={{ maxWidth: 980 }}>
      <div onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.submit(); } }}>
        <Form form={form} name="logCase" layout="vertical" requiredMark={false} onFinish={save} initialValues={{ kind: 'complaint', channel: 'phone', severity: 'ordinary' }}>
          <Row gutter={12}>
            <Col span={10}><Form.Item name="kind" label={t('cmp.kind')}><Radio.Group optionType="button" buttonStyle="solid" options={options(KINDS, 'cmp.kind', t)} /></Form.Item></Col>
            <Col span={8}><Form.Item name="channel" label={t('cmp.channel')}><Radio.Group optionType="button" options={options(CHANNELS, 'cmp.channel', t)} /></Form.Item></Col>
            <Col span={6}><Form.Item name="severity" label={t('cmp.severity')}><Radio.Group optionType="button" options={options(['ordinary', 'urgent'] as const, 'cmp.severity', t)} /></Form.Item></Col>
          </Row>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="roomId" label={t('cmp.room')}>
                <Select showSearch allowClear autoFocus filterOption={false} placeholder={t('cmp.room.placeholder')} options={rooms}
                  onSearch={(q) => void searchRooms(q)} onChange={(v: string | undefined) => void pickRoom(v)} data-testid="room-picker" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="complainant" label={t('cmp.complainant')} rules={[required, { max: 40 }]}>
                <AutoComplete options={contacts.map((c) => ({ value: c.name, label: `${c.name} ${c.phone}` }))}
                  onSelect={(name: string) => form.setFieldValue('phone', contacts.find((c) => c.name === name)?.phone ?? '')} />
              </Form.Item>
            </Col>
            <Col span={5}><Form.Item name="phone" label={t('cmp.phone')} rules={[{ max: 20 }]}><Input /></Form.Item></Col>
            <Col span={5}><Form.Item name="category" label={t('cmp.category')} rules={[required]}><Select showSearch optionFilterProp="label" options={cats} data-testid="category" /></Form.Item></Col>
          </Row>
          <Form.Item name="matter" label={t('cmp.matter')} rules={[required, { max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="wanted" label={t('cmp.wanted')} rules={[{ max: 1000 }]}><Input.TextArea rows={2} /></Form.Item>
          <Row gutter={12} align="bottom">
            <Col span={8}><Form.Item name="receivedAt" label={t('cmp.receivedAt')} extra={t('cmp.receivedAt.help')}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={16} style={{ textAlign: 'right' }}>
              <Form.Item><Button type="primary" htmlType="submit" loading={saving} data-testid="log-save">{t('cmp.save')}</Button></Form.Item>
            </Col>
          </Row>
        </Form>
      </div>
    </Card>
  );
}

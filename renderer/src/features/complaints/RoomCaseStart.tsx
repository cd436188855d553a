import { AutoComplete, Input, Modal, Radio, Select, type ButtonProps } from 'antd';
import { Form } from '../../shared/Form';
import { useEffect, useState } from 'react';
import type { OpInput, OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../i18n';
import { CHANNELS, KINDS, options } from './labels';
import { useSaveCase } from './useSaveCase';

type Fields = Omit<OpInput<'complaints.create'>, 'roomId' | 'receivedAt'>;
type Contact = OpOutput<'complaints.roomContacts'>[number];

/**
 * A case started from the room card: the room is known, the complainant and phone come from
 * who lives there; the person picks the kind, the category and writes the matter. Saved, the
 * case page opens so it can be dispatched at once.
 */
export function RoomCaseStart({ roomId, roomCode, onClose }: { roomId: string; roomCode: string; onClose(): void }) {
  const { t, locale } = useI18n();
  const showError = useShowError();
  const [form] = Form.useForm<Fields>();
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [categories, setCategories] = useState<{ value: string; label: string }[]>([]);
  const { save, saving } = useSaveCase();

  useEffect(() => {
    call('complaints.roomContacts', { roomId }).then((list) => {
      setContacts(list);
      if (list[0]) form.setFieldsValue({ complainant: list[0].name, phone: list[0].phone });
    }, showError);
    call('complaints.setup').then((s) => setCategories(s.categories.filter((c) => c.active).map((c) => ({ value: c.code, label: locale === 'en-US' ? c.name_en : c.name_zh }))), showError);
  }, [roomId, form, showError, locale]);

  const required = { required: true, message: t('common.required') };
  return (
    <Modal open title={t('cmp.room.startTitle', { room: roomCode })} onCancel={onClose} onOk={() => form.submit()} okText={t('cmp.save')}
      confirmLoading={saving} width={640} destroyOnHidden okButtonProps={{ 'data-testid': 'room-case-save' } as ButtonProps}>
      <Form form={form} name="roomCase" layout="vertical" requiredMark={false} onFinish={(v: Fields) => save({ ...v, roomId })} initialValues={{ kind: 'complaint', channel: 'visit', severity: 'ordinary' }}>
        <Form.Item name="kind" label={t('cmp.kind')}><Radio.Group optionType="button" buttonStyle="solid" options={options(KINDS, 'cmp.kind', t)} /></Form.Item>
        <Form.Item name="channel" label={t('cmp.channel')}><Radio.Group optionType="button" options={options(CHANNELS, 'cmp.channel', t)} /></Form.Item>
        <Form.Item name="severity" label={t('cmp.severity')}><Radio.Group optionType="button" options={options(['ordinary', 'urgent'] as const, 'cmp.severity', t)} /></Form.Item>
        <Form.Item name="category" label={t('cmp.category')} rules={[required]}>
          <Select showSearch optionFilterProp="label" options={categories} data-testid="room-case-category" />
        </Form.Item>
        <Form.Item name="complainant" label={t('cmp.complainant')} rules={[required, { max: 40 }]}>
          <AutoComplete options={contacts.map((c) => ({ value: c.name, label: `${c.name} ${c.phone}` }))}
            onSelect={(name: string) => form.setFieldValue('phone', contacts.find((c) => c.name === name)?.phone ?? '')} data-testid="room-case-complainant" />
        </Form.Item>
        <Form.Item name="phone" label={t('cmp.phone')} rules={[{ max: 20 }]}><Input /></Form.Item>
        <Form.Item name="matter" label={t('cmp.matter')} rules={[required, { max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}

import { App, Input, Modal, Radio } from 'antd';
import { Form } from '../../shared/Form';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../i18n';

const CONDITIONS = ['good', 'damaged', 'incomplete'] as const;

/** Taking files back: the archivist checks them and records their condition (several returned together share it). */
export function ReturnModal({ items, onClose, onDone }: { items: { id: string; ref_code: string }[] | null; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ condition: (typeof CONDITIONS)[number]; note?: string }>();
  async function save(v: { condition: (typeof CONDITIONS)[number]; note?: string }) {
    if (!items?.length) return;
    try {
      await call('archives.return', { itemIds: items.map((i) => i.id), condition: v.condition, note: v.note });
      void message.success(t('arch.returned', { code: codes }));
      form.resetFields();
      onDone();
      onClose();
    } catch (e) {
      showError(e);
    }
  }
  const codes = (items ?? []).map((i) => i.ref_code).join('、');
  return (
    <Modal open={!!items?.length} title={items?.length ? t('arch.return.title', { code: codes }) : ''} onCancel={onClose} onOk={() => form.submit()} okText={t('arch.return')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} name="returnItem" layout="vertical" onFinish={save} initialValues={{ condition: 'good' }}>
        <Form.Item name="condition" label={t('arch.return.condition')}>
          <Radio.Group options={CONDITIONS.map((c) => ({ value: c, label: t(`arch.cond.${c}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('arch.return.note')}><Input maxLength={200} /></Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

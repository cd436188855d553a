import { App, Input, Modal, Radio, Tag } from 'antd';
import { DatePicker } from '../../time/DatePicker';
import { Form } from '../../shared/Form';
import type { Dayjs } from 'dayjs';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';

interface Fields {
  kind: 'read' | 'borrow' | 'copy';
  requester: string;
  requesterUnit?: string;
  purpose: string;
  dueOn?: Dayjs;
}

/** The 档案查阅/借阅/复印审批表: who, which items, why (and until when, for a loan); a manager approves it. */
export function RequestModal({ items, open, onClose, onSent }: { items: { id: string; ref_code: string }[]; open: boolean; onClose(): void; onSent(): void }) {
  const { t } = useI18n();
  const { user } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Fields>();
  const kind = Form.useWatch('kind', form);
  async function save(v: Fields) {
    try {
      await call('archives.request', { ...v, dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null, itemIds: items.map((i) => i.id) });
      void message.success(t('arch.req.sent'));
      form.resetFields();
      onSent();
      onClose();
    } catch (e) {
      showError(e);
    }
  }
  const required = { required: true, message: t('common.required') };
  return (
    <Modal open={open} title={t('arch.req.form')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} forceRender>
      <Form form={form} name="archiveRequest" layout="vertical" onFinish={save} requiredMark={false} initialValues={{ kind: 'read', requester: user.displayName }}>
        <Form.Item label={t('arch.req.items')}>{items.map((i) => <Tag key={i.id}>{i.ref_code}</Tag>)}</Form.Item>
        <Form.Item name="kind" label={t('arch.req.kind')}>
          <Radio.Group optionType="button" options={(['read', 'borrow', 'copy'] as const).map((k) => ({ value: k, label: t(`arch.req.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="requester" label={t('arch.req.requester')} rules={[required, { max: 40 }]}><Input /></Form.Item>
        <Form.Item name="requesterUnit" label={t('arch.req.unit')} rules={[{ max: 40 }]}><Input /></Form.Item>
        <Form.Item name="purpose" label={t('arch.req.purpose')} rules={[required, { max: 200 }]}><Input /></Form.Item>
        {kind === 'borrow' && <Form.Item name="dueOn" label={t('arch.req.due')} rules={[required]}><DatePicker style={{ width: '100%' }} /></Form.Item>}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

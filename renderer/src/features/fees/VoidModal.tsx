import { Alert, App, Form, Input, Modal } from 'antd';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../i18n';

interface Fields {
  reason: string;
  approverUsername: string;
  approverPassword: string;
}

/**
 * Void (作废): the cashier gives the reason, and a supervisor signs in right here with
 * their own user name and password; the store checks both in the same call.
 */
export function VoidModal({ receipt, onClose, onVoided }: { receipt: { id: string; number: string } | null; onClose(): void; onVoided(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Fields>();

  async function submit(v: Fields) {
    if (!receipt) return;
    try {
      await call('fees.void', { receiptId: receipt.id, ...v });
      void message.success(t('fees.voided', { number: receipt.number }));
      form.resetFields();
      onVoided();
    } catch (e) {
      form.setFieldValue('approverPassword', '');
      showError(e);
    }
  }

  const required = { required: true, message: t('common.required') };
  return (
    <Modal open={!!receipt} title={t('fees.voidTitle', { number: receipt?.number ?? '' })} onCancel={onClose} onOk={() => form.submit()}
      okText={t('fees.voidOk')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} destroyOnHidden>
      <Alert type="warning" showIcon message={t('fees.voidHelp')} style={{ marginBottom: 12 }} />
      <Form form={form} name="voidReceipt" layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="reason" label={t('fees.voidReason')} rules={[required, { min: 2, max: 200 }]}><Input autoFocus /></Form.Item>
        <Form.Item name="approverUsername" label={t('fees.approverUser')} rules={[required]}><Input autoComplete="off" /></Form.Item>
        <Form.Item name="approverPassword" label={t('fees.approverPassword')} rules={[required]}><Input.Password autoComplete="new-password" /></Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

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
export function VoidModal({ receipt, onClose, onVoided }: { receipt: { id: string; number: string; reverse?: boolean } | null; onClose(): void; onVoided(): void }) {
  const reverse = !!receipt?.reverse;
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Fields>();

  async function submit(v: Fields) {
    if (!receipt) return;
    try {
      await call(reverse ? 'fees.reverse' : 'fees.void', { receiptId: receipt.id, ...v });
      void message.success(t(reverse ? 'fees.reversed' : 'fees.voided', { number: receipt.number }));
      form.resetFields();
      onVoided();
    } catch (e) {
      form.setFieldValue('approverPassword', '');
      showError(e);
    }
  }

  const required = { required: true, message: t('common.required') };
  return (
    <Modal open={!!receipt} title={t(reverse ? 'fees.reverseTitle' : 'fees.voidTitle', { number: receipt?.number ?? '' })} onCancel={onClose} onOk={() => form.submit()}
      okText={t(reverse ? 'fees.reverseAction' : 'fees.voidOk')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} destroyOnHidden>
      <Alert type="warning" showIcon message={t(reverse ? 'fees.reverseHelp' : 'fees.voidHelp')} style={{ marginBottom: 12 }} />
      <Form form={form} name="voidReceipt" layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="reason" label={t(reverse ? 'fees.reverseReason' : 'fees.voidReason')} rules={[required, { min: 2, max: 200 }]}><Input autoFocus /></Form.Item>
        <Form.Item name="approverUsername" label={t('fees.approverUser')} rules={[required]}><Input autoComplete="off" /></Form.Item>
        <Form.Item name="approverPassword" label={t('fees.approverPassword')} rules={[required]}><Input.Password autoComplete="new-password" /></Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

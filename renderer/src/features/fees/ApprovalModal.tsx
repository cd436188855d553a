import { Alert, Input, Modal } from 'antd';
import { Form } from '../../shared/Form';
import { useShowError } from '../../app/errors';
import { AttestFields } from '../../app/AttestFields';
import { useI18n } from '../../i18n';

export interface ApprovalFields {
  reason: string;
  approverUsername: string;
  approverPassword: string;
}

/**
 * A step that needs a supervisor at the desk (a void, a reversal, cancelling a charge): the
 * cashier gives the reason and the supervisor signs in right here with their own user name
 * and password; the store checks both in the same call. A refusal clears the password.
 */
export function ApprovalModal({ open, name, title, help, reasonLabel, okText, onSubmit, onClose }: {
  open: boolean;
  /** the form's name (tests and autofill tell the forms apart by it) */
  name: string;
  title: string;
  help: string;
  reasonLabel: string;
  okText: string;
  onSubmit(v: ApprovalFields): Promise<void>;
  onClose(): void;
}) {
  const { t } = useI18n();
  const showError = useShowError();
  const [form] = Form.useForm<ApprovalFields>();

  async function submit(v: ApprovalFields) {
    try {
      await onSubmit(v);
      form.resetFields();
    } catch (e) {
      form.setFieldValue('approverPassword', '');
      showError(e);
    }
  }

  const required = { required: true, message: t('common.required') };
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={() => form.submit()}
      okText={okText} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} destroyOnHidden>
      <Alert type="warning" showIcon message={help} style={{ marginBottom: 12 }} />
      <Form form={form} name={name} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="reason" label={reasonLabel} rules={[required, { min: 2, max: 200 }]}><Input autoFocus /></Form.Item>
        <AttestFields userField="approverUsername" passwordField="approverPassword" userLabel={t('fees.approverUser')} passwordLabel={t('fees.approverPassword')} />
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

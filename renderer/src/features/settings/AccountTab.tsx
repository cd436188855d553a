import { App, Button, Input } from 'antd';
import { Form } from '../../shared/Form';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { NewPasswordFields } from '../../app/PasswordFields';
import { useI18n } from '../../i18n';

export function AccountTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm();
  const required = { required: true, message: t('common.required') };

  async function submit(v: { current: string; next: string }) {
    try {
      await call('auth.changePassword', { current: v.current, next: v.next });
      form.resetFields();
      void message.success(t('account.changed'));
    } catch (e) {
      showError(e);
    }
  }

  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 360 }} onFinish={submit} requiredMark={false}>
      <Form.Item name="current" label={t('account.current')} rules={[required]}><Input.Password autoComplete="current-password" /></Form.Item>
      <NewPasswordFields name="next" confirmName="confirm" label={t('account.next')} confirmLabel={t('account.confirm')} />
      <Button type="primary" htmlType="submit">{t('account.change')}</Button>
    </Form>
  );
}

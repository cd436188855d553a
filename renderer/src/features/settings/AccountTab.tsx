import { App, Button, Form, Input } from 'antd';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
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
      <Form.Item name="next" label={t('account.next')} extra={t('setup.passwordRule')} rules={[required, { pattern: /^(?=.*[A-Za-z])(?=.*\d).{8,128}$/, message: t('setup.passwordRule') }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="confirm" label={t('account.confirm')} dependencies={['next']}
        rules={[required, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('next') ? Promise.resolve() : Promise.reject(new Error(t('setup.passwordMismatch')))) })]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit">{t('account.change')}</Button>
    </Form>
  );
}

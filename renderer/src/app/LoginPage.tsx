import { Alert, Button, Input } from 'antd';
import { Form } from '../shared/Form';
import { useState } from 'react';
import { call } from '../api';
import { useI18n } from '../i18n';
import { AuthLayout } from './AuthLayout';
import { errorText } from './errors';
import { navigate } from './route';
import type { Me } from './session';

interface Fields {
  username: string;
  password: string;
}

export function LoginPage({ me, onDone }: { me: Me; onDone(): Promise<void> }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Fields>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(v: Fields) {
    setBusy(true);
    try {
      await call('auth.login', v);
      navigate('/home'); // a new person starts at today's work, not at the last user's page
      await onDone();
    } catch (e) {
      setError(e);
      form.setFieldValue('password', '');
      // the user types the password again next
      form.getFieldInstance('password')?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout title={t('login.title')} subtitle={me.site ? `${me.site.name}（${me.site.code}）` : undefined}>
      {error !== null && <Alert type="error" showIcon data-testid="login-error" message={errorText(error, locale, t('common.error'))} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('common.required') }]}>
          <Input autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>{t('login.submit')}</Button>
      </Form>
    </AuthLayout>
  );
}

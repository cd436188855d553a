import { Alert, Button, Flex, Input } from 'antd';
import { Form } from '../shared/Form';
import { useState } from 'react';
import { call } from '../api';
import { useI18n } from '../i18n';
import { AuthLayout } from './AuthLayout';
import { errorText } from './errors';
import type { User } from './session';

/** Idle or manual lock: the same person types their password; or someone else signs in. */
export function LockScreen({ user, onDone }: { user: User; onDone(): Promise<void> }) {
  const { t, locale } = useI18n();
  const [error, setError] = useState<unknown>(null);

  async function unlock(v: { password: string }) {
    try {
      await call('auth.unlock', v);
      await onDone();
    } catch (e) {
      setError(e);
      await onDone(); // five wrong tries lock the account and end the session
    }
  }

  async function switchUser() {
    await call('auth.logout').catch(() => undefined);
    await onDone();
  }

  return (
    <AuthLayout title={t('lock.title')} subtitle={t('lock.sub', { name: user.displayName })}>
      {error !== null && <Alert type="error" showIcon message={errorText(error, locale, t('common.error'))} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" onFinish={unlock} requiredMark={false}>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoFocus autoComplete="current-password" />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" style={{ flex: 1 }}>{t('lock.unlock')}</Button>
          <Button onClick={switchUser}>{t('lock.switchUser')}</Button>
        </Flex>
      </Form>
    </AuthLayout>
  );
}

import { Alert, Button, Checkbox, Input, Radio, Space, Typography } from 'antd';
import { Form } from '../../shared/Form';
import { useState } from 'react';
import type { ApiError, OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { AuthLayout } from '../../app/AuthLayout';
import { errorText } from '../../app/errors';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { siteTime } from '../../time/deskTime';
import { megabytes } from './BackupTab';

interface Fields {
  choice: string;
  path?: string;
  username: string;
  password: string;
  keyPassword?: string;
  understood: boolean;
}

/**
 * What the desk shows instead of sign-in when its store is damaged: the message in both
 * languages (whoever is at the desk reads one of them), the backups found, and restore by
 * an administrator of the chosen backup.
 */
export function RecoveryPage({ damage, onDone }: { damage: ApiError; onDone(): Promise<void> }) {
  const { t, locale } = useI18n();
  const { data } = useLoad(() => call('backup.recoveryStatus', {}), []);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Fields>();
  const backups: OpOutput<'backup.recoveryStatus'>['backups'] = data?.backups ?? [];
  const ready = data !== null;

  async function submit(v: Fields) {
    setBusy(true);
    setError(null);
    try {
      const source = v.choice === '__path' || backups.length === 0 ? { path: (v.path ?? '').trim() } : { name: v.choice };
      await call('backup.recoveryRestore', { ...source, username: v.username, password: v.password, keyPassword: v.keyPassword || undefined, confirm: true });
      await onDone();
    } catch (e) {
      setError(e);
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout title={t('backup.recovery.title')}>
      <Alert type="error" showIcon data-testid="recovery-message" style={{ marginBottom: 16 }}
        message={<div><div>{damage.message['zh-CN']}</div><div style={{ marginTop: 8 }}>{damage.message['en-US']}</div></div>} />
      {error !== null && <Alert type="error" showIcon data-testid="recovery-error" message={errorText(error, locale, t('common.error'))} style={{ marginBottom: 16 }} />}
      {ready && <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ choice: backups[0]?.name ?? '__path' }}>
        <Form.Item name="choice" label={t('backup.recovery.pick')}>
          <Radio.Group>
            <Space direction="vertical">
              {backups.map((b) => (
                <Radio key={b.name} value={b.name} data-testid={`recovery-backup-${b.name}`}>
                  {siteTime(b.at, { seconds: true })} · {megabytes(b.bytes)} · {b.receiptCount}
                </Radio>
              ))}
              <Radio value="__path">{t('backup.restoreFromPath')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        {backups.length === 0 && <Typography.Paragraph type="secondary">{t('backup.recovery.none')}</Typography.Paragraph>}
        <Form.Item noStyle shouldUpdate={(a, b) => a.choice !== b.choice}>
          {({ getFieldValue }) => getFieldValue('choice') === '__path' && (
            <Form.Item name="path" label={t('backup.restorePath')} rules={[{ required: true, message: t('common.required') }]}><Input /></Form.Item>
          )}
        </Form.Item>
        <Form.Item name="username" label={t('backup.recovery.admin')} rules={[{ required: true, message: t('common.required') }]}>
          <Input autoComplete="username" data-testid="recovery-username" />
        </Form.Item>
        <Form.Item name="password" label={t('backup.recovery.password')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="current-password" data-testid="recovery-password" />
        </Form.Item>
        <Form.Item name="keyPassword" label={t('backup.keyPassword.restore')} extra={t('backup.keyPassword.restoreHelp')}>
          <Input.Password autoComplete="off" data-testid="recovery-key-password" />
        </Form.Item>
        <Form.Item name="understood" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('common.required')))) }]}>
          <Checkbox data-testid="recovery-understood">{t('backup.confirmAside')}</Checkbox>
        </Form.Item>
        <Button type="primary" danger htmlType="submit" block loading={busy} data-testid="recovery-submit">{t('backup.recovery.submit')}</Button>
      </Form>}
    </AuthLayout>
  );
}

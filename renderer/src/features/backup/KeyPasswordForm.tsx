import { App, Button, Input, Typography } from 'antd';
import { Form } from '../../shared/Form';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../i18n';

/**
 * 设置 → 备份: the backup key password. Backups carry the sync signing key sealed with it,
 * so a site restored on another PC keeps sending to head office; it is asked for at restore.
 */
export function KeyPasswordForm({ set, onSaved }: { set: boolean; onSaved(): Promise<void> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ password: string }>();
  async function save(v: { password: string }) {
    try {
      await call('backup.setKeyPassword', v);
      form.resetFields();
      void message.success(t('common.saved'));
      await onSaved();
    } catch (e) {
      showError(e);
    }
  }
  return (
    <Form form={form} layout="inline" onFinish={save} style={{ marginTop: 16 }}>
      <Form.Item name="password" label={t('backup.keyPassword')} extra={t(set ? 'backup.keyPassword.set' : 'backup.keyPassword.unset')}
        rules={[{ required: true, min: 8, message: t('backup.keyPassword.min') }]}>
        <Input.Password autoComplete="new-password" style={{ width: 240 }} data-testid="backup-key-password-set" />
      </Form.Item>
      <Button htmlType="submit">{t(set ? 'backup.keyPassword.change' : 'backup.keyPassword.save')}</Button>
      <Typography.Paragraph type="secondary" style={{ width: '100%', marginTop: 8 }}>{t('backup.keyPassword.help')}</Typography.Paragraph>
    </Form>
  );
}

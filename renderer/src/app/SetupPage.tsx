import { Alert, Button, Input, Modal, Radio } from 'antd';
import { Form } from '../shared/Form';
import { useState } from 'react';
import { call } from '../api';
import { useI18n } from '../i18n';
import { AuthLayout } from './AuthLayout';
import { errorText } from './errors';
import { NewPasswordFields } from './PasswordFields';
import { navigate } from './route';

interface Fields {
  siteCode: string;
  siteName: string;
  adminUsername: string;
  adminDisplayName: string;
  password: string;
  password2: string;
  mode: 'site' | 'head_office' | 'restore';
  folder: string;
}

/** First run: the site and its administrator. */
export function SetupPage({ onDone }: { onDone(): Promise<void> }) {
  const { t, locale } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit({ password2: _, folder, mode, ...v }: Fields) {
    setBusy(true);
    try {
      if (mode === 'restore') {
        // a site rebuilt on a new PC from head office's restore package
        const r = await call('setup.restore', { folder, code: v.siteCode, adminUsername: v.adminUsername, password: v.password });
        Modal.info({ content: t('sync.setup.restored', { through: r.through, own: r.fingerprint, hq: r.headOfficeFingerprint }) });
      } else {
        await call('setup.init', { ...v, mode, defaultLocale: locale });
      }
      navigate('/home');
      await onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const required = { required: true, message: t('common.required') };
  const [form] = Form.useForm<Fields>();
  const restore = Form.useWatch('mode', form) === 'restore';
  return (
    // two columns, so the whole form and 完成设置 fit a 1366×768 screen
    <AuthLayout title={t('setup.title')} subtitle={t('setup.intro')} width={660}>
      {error !== null && <Alert type="error" showIcon message={errorText(error, locale, t('common.error'))} style={{ marginBottom: 16 }} />}
      <Form<Fields> form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ mode: 'site' }}>
        <div className="setup-grid">
        <Form.Item name="mode" label={t('sync.setup.mode')} extra={t('sync.setup.modeHelp')} className="setup-wide">
          <Radio.Group data-testid="setup-mode" options={[{ value: 'site', label: t('sync.setup.site') }, { value: 'head_office', label: t('sync.setup.headOffice') },
            { value: 'restore', label: t('sync.setup.restore') }]} />
        </Form.Item>
        {restore && (
          <Form.Item name="folder" label={t('sync.folder')} extra={t('sync.setup.restoreHelp')} rules={[required]}>
            <Input data-testid="setup-folder" />
          </Form.Item>
        )}
        <Form.Item name="siteCode" label={t('setup.siteCode')} extra={t('setup.siteCodeHelp')} rules={[required, { pattern: /^[A-Za-z0-9-]{1,16}$/, message: t('setup.siteCodeHelp') }]}>
          <Input autoFocus />
        </Form.Item>
        {!restore && (
          <>
            <Form.Item name="siteName" label={t('setup.siteName')} rules={[required, { max: 100 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="adminDisplayName" label={t('setup.adminDisplayName')} rules={[required, { max: 50 }]}>
              <Input />
            </Form.Item>
          </>
        )}
        <Form.Item name="adminUsername" label={t('setup.adminUsername')} initialValue="admin" rules={[required, { pattern: /^[A-Za-z0-9._-]{2,32}$/ }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <NewPasswordFields name="password" confirmName="password2" label={t('setup.password')} confirmLabel={t('setup.password2')} />
        </div>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="setup-submit">{t('setup.submit')}</Button>
      </Form>
    </AuthLayout>
  );
}

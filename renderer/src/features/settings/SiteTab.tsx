import { App, Button, Input, InputNumber, Select } from 'antd';
import { Form } from '../../shared/Form';
import type { Role } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { Refused } from '../../app/Refused';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';

interface Fields {
  siteName: string;
  idleLockMinutes: number;
  defaultLocale: 'zh-CN' | 'en-US';
  roomCodePattern: 'building-unit-room' | 'building-room';
  idFullRoles: Role[];
}

const ROLES: Role[] = ['receptionist', 'cashier', 'archivist', 'supervisor', 'manager', 'admin'];

export function SiteTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { refresh } = useSession();
  const showError = useShowError();
  const { data, error } = useLoad(() => call('settings.get'), []);
  if (error) return <Refused error={error} />;
  if (!data) return null;

  async function save(v: Fields) {
    try {
      await call('settings.update', { siteName: v.siteName, settings: { idleLockMinutes: v.idleLockMinutes, defaultLocale: v.defaultLocale, roomCodePattern: v.roomCodePattern, idFullRoles: v.idFullRoles } });
      void message.success(t('common.saved'));
      await refresh();
    } catch (e) {
      showError(e);
    }
  }

  return (
    <Form<Fields> layout="vertical" style={{ maxWidth: 420 }} onFinish={save} requiredMark={false}
      initialValues={{ siteName: data.site.name, idleLockMinutes: data.settings.idleLockMinutes, defaultLocale: data.settings.defaultLocale, roomCodePattern: data.settings.roomCodePattern, idFullRoles: data.settings.idFullRoles }}>
      <Form.Item label={t('site.code')}><Input value={data.site.code} disabled /></Form.Item>
      <Form.Item name="siteName" label={t('site.name')} rules={[{ required: true, message: t('common.required') }, { max: 100 }]}><Input autoFocus /></Form.Item>
      <Form.Item name="idleLockMinutes" label={t('site.idleLock')} rules={[{ required: true, message: t('common.required') }]}>
        <InputNumber min={0} max={240} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="defaultLocale" label={t('site.defaultLocale')}>
        <Select style={{ width: 160 }} options={[{ value: 'zh-CN', label: '中文（简体）' }, { value: 'en-US', label: 'English' }]} />
      </Form.Item>
      <Form.Item name="roomCodePattern" label={t('site.roomCodePattern')}>
        <Select style={{ width: 280 }} options={[{ value: 'building-unit-room', label: t('site.pattern.bur') }, { value: 'building-room', label: t('site.pattern.br') }]} />
      </Form.Item>
      <Form.Item name="idFullRoles" label={t('site.idFullRoles')} extra={t('site.idFullRolesHelp')}>
        <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
      </Form.Item>
      <Button type="primary" htmlType="submit">{t('common.save')}</Button>
    </Form>
  );
}

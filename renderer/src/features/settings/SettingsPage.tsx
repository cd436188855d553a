import { Tabs } from 'antd';
import { navigate } from '../../app/route';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { BackupTab } from '../backup/BackupTab';
import { AccountTab } from './AccountTab';
import { RolesTab } from './RolesTab';
import { SiteTab } from './SiteTab';
import { StaffTab } from './StaffTab';

/**
 * Settings: everyone has "my account"; staff, roles and site settings are the admin's.
 * A tab opened by URL without the right still asks the store, which refuses.
 */
export function SettingsPage({ tab = 'account' }: { tab?: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const admin = can('staff.manage');
  const items = [
    { key: 'account', label: t('settings.account'), children: <AccountTab /> },
    ...(admin || tab === 'staff' ? [{ key: 'staff', label: t('settings.staff'), children: <StaffTab /> }] : []),
    ...(admin || tab === 'roles' ? [{ key: 'roles', label: t('settings.roles'), children: <RolesTab /> }] : []),
    ...(can('settings.manage') || tab === 'site' ? [{ key: 'site', label: t('settings.site'), children: <SiteTab /> }] : []),
    ...(can('settings.manage') || tab === 'backup' ? [{ key: 'backup', label: t('settings.backup'), children: <BackupTab /> }] : []),
  ];
  return <Tabs activeKey={tab} items={items} onChange={(k) => navigate(`/settings/${k}`)} destroyOnHidden />;
}

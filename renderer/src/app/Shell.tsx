import { LockOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Result, Tag, Typography } from 'antd';
import { call } from '../api';
import { AREAS } from '../features/areas';
import { ArchivesPage } from '../features/archives/ArchivesPage';
import { AuditPage } from '../features/audit/AuditPage';
import { FeesPage } from '../features/fees/FeesPage';
import { ComplaintsArea } from '../features/complaints/ComplaintsArea';
import { HandoversPage } from '../features/handovers/HandoversPage';
import { HomePage } from '../features/home/HomePage';
import { RegistryArea } from '../features/registry/RegistryArea';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SyncPage } from '../features/sync/SyncPage';
import { useI18n } from '../i18n';
import { LanguageSwitch } from './AuthLayout';
import { navigate, useRoute } from './route';
import { useSession } from './session';
import { useIdleLock } from './useIdleLock';

function Page({ path }: { path: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [, key = 'home', sub, ...more] = path.split('/');
  const area = AREAS.find((a) => a.key === key);
  if (!area) return <Result status="404" title="404" />;
  // The store refuses what a role may not do; the shell also says so instead of showing an empty screen.
  if (!can(area.permission)) return <Result status="403" title="403" subTitle={t('home.noAccess')} data-testid="no-access" />;
  if (key === 'registry') return <RegistryArea rest={[sub ?? '', ...more]} />;
  if (key === 'archives') return <ArchivesPage tab={sub} />;
  if (key === 'fees') return <FeesPage tab={sub} rest={more} />;
  if (key === 'complaints') return <ComplaintsArea rest={[sub ?? '', ...more]} />;
  if (key === 'handovers') return <HandoversPage rest={[sub ?? '', ...more]} />;
  if (key === 'audit') return <AuditPage />;
  if (key === 'sync') return <SyncPage />;
  if (key === 'settings') return <SettingsPage tab={sub} />;
  return <HomePage />;
}

export function Shell() {
  const { t } = useI18n();
  const { me, user, refresh, can } = useSession();
  const path = useRoute();
  useIdleLock(me.idleLockMinutes, () => void refresh());

  const items = AREAS.filter((a) => can(a.permission)).map((a) => ({ key: a.key, label: t(a.nav) }));
  const selected = path.split('/')[1] ?? 'home';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} theme="light" style={{ borderRight: '1px solid #eef0f4' }}>
        <Typography.Title level={5} style={{ padding: '16px 20px', margin: 0 }}>{t('app.title')}</Typography.Title>
        <Menu mode="inline" selectedKeys={[selected]} items={items} onClick={(e) => navigate(`/${e.key}`)} data-testid="nav" />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 20px', borderBottom: '1px solid #eef0f4' }}>
          <Flex justify="space-between" align="center" style={{ height: '100%' }}>
            <Typography.Text strong>{me.site?.name}</Typography.Text>
            <Flex gap={8} align="center">
              <Typography.Text data-testid="current-user">{user.displayName}</Typography.Text>
              <Tag color="blue">{t(`role.${user.role}`)}</Tag>
              <LanguageSwitch />
              <Button icon={<LockOutlined />} onClick={() => void call('auth.lock').then(refresh)}>{t('header.lock')}</Button>
              <Button icon={<LogoutOutlined />} onClick={() => void call('auth.logout').finally(refresh)}>{t('header.logout')}</Button>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 20 }}>
          <Page path={path} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

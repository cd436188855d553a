import { Tabs } from 'antd';
import { navigate } from '../../app/route';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { ArrearsTab } from './ArrearsTab';
import { BillsTab } from './BillsTab';
import { CollectTab } from './CollectTab';
import { DayTab } from './DayTab';
import { DebitTab } from './debit/DebitTab';
import { ItemsTab } from './ItemsTab';
import { MetersTab } from './MetersTab';
import { ReportTab } from './ReportTab';
import { TillSettingsTab } from './TillSettingsTab';

/** #/fees/collect[/roomId] · #/fees/bills · #/fees/day · #/fees/items — each tab shown to the roles that use it. */
export function FeesPage({ tab, rest }: { tab?: string; rest: readonly string[] }) {
  const { t } = useI18n();
  const { can } = useSession();
  const tabs = [
    { key: 'collect', label: t(can('fees.collect') ? 'fees.tab.collect' : 'fees.tab.lookup'), children: <CollectTab initialRoom={rest[0]} /> },
    ...(can('fees.collect') ? [{ key: 'bills', label: t('fees.tab.bills'), children: <BillsTab /> }] : []),
    { key: 'arrears', label: t('fees.tab.arrears'), children: <ArrearsTab /> },
    ...(can('fees.collect') || can('fees.approve_void') ? [{ key: 'day', label: t('fees.tab.day'), children: <DayTab /> }] : []),
    { key: 'debit', label: t('fees.tab.debit'), children: <DebitTab roomId={rest[0]} /> },
    ...(can('fees.collect') ? [{ key: 'meters', label: t('fees.tab.meters'), children: <MetersTab /> }] : []),
    ...(can('reports.read') ? [{ key: 'report', label: t('fees.tab.report'), children: <ReportTab /> }] : []),
    { key: 'items', label: t('fees.tab.items'), children: <ItemsTab /> },
    ...(can('settings.manage') ? [{ key: 'settings', label: t('fees.settings'), children: <TillSettingsTab /> }] : []),
  ];
  const active = tabs.some((x) => x.key === tab) ? tab! : 'collect';
  return <Tabs activeKey={active} onChange={(k) => navigate(`/fees/${k}`)} items={tabs} destroyOnHidden data-testid="fees-tabs" />;
}

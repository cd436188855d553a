import { Tabs } from 'antd';
import { call } from '../../api';
import { navigate } from '../../app/route';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { CasePage } from './CasePage';
import { ListsPage } from './ListsPage';
import { LogCaseForm } from './LogCaseForm';
import { QueuePage } from './QueuePage';
import { ReportsPage } from './ReportsPage';

/** #/complaints (queues), #/complaints/new, #/complaints/reports, #/complaints/lists (admin), #/complaints/case/<id>. */
export function ComplaintsArea({ rest }: { rest: readonly string[] }) {
  const { t } = useI18n();
  const { can } = useSession();
  const setup = useLoad(() => call('complaints.setup'), []);
  if (rest[0] === 'case' && rest[1]) return <CasePage key={rest[1]} id={decodeURIComponent(rest[1])} />;
  const tab = rest[0] === 'new' || rest[0] === 'reports' || rest[0] === 'lists' ? rest[0] : 'queues';
  const items = [
    { key: 'queues', label: t('cmp.queues'), children: <QueuePage categories={setup.data?.categories} /> },
    ...(can('complaints.write') ? [{ key: 'new', label: t('cmp.new'), children: <LogCaseForm categories={setup.data?.categories} /> }] : []),
    ...(can('reports.read') && setup.data ? [{ key: 'reports', label: t('cmp.reports'), children: <ReportsPage initialDate={setup.data.now} /> }] : []),
    ...(can('settings.manage') && setup.data ? [{ key: 'lists', label: t('cmp.lists'), children: <ListsPage setup={setup.data} onSaved={() => void setup.reload()} /> }] : []),
  ];
  return <Tabs activeKey={tab} destroyOnHidden items={items} onChange={(k) => navigate(k === 'queues' ? '/complaints' : `/complaints/${k}`)} data-testid="complaints-tabs" />;
}

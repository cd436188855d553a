import { Tabs } from 'antd';
import { navigate } from '../../app/route';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { AccessTab } from './AccessTab';
import { AppraisalTab } from './AppraisalTab';
import { CatalogueTab } from './CatalogueTab';
import { RegisterTab } from './RegisterTab';

/**
 * The archive desk: #/archives (the catalogue) · #/archives/access · #/archives/register ·
 * #/archives/appraisal. The tab is in the address, so a reload stays where the person was.
 */
export function ArchivesPage({ tab }: { tab?: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const items = [
    { key: 'catalogue', label: t('arch.tab.catalogue'), children: <CatalogueTab /> },
    { key: 'access', label: t('arch.tab.access'), children: <AccessTab /> },
    { key: 'register', label: t('arch.tab.register'), children: <RegisterTab /> },
    ...(can('archives.write') || can('archives.approve') ? [{ key: 'appraisal', label: t('arch.tab.appraisal'), children: <AppraisalTab /> }] : []),
  ];
  const active = items.some((x) => x.key === tab) ? tab! : 'catalogue';
  return (
    <Tabs
      // each tab mounts afresh when opened, so a loan or a destruction on one shows on the others
      activeKey={active} onChange={(k) => navigate(k === 'catalogue' ? '/archives' : `/archives/${k}`)} destroyOnHidden data-testid="archive-tabs"
      items={items}
    />
  );
}

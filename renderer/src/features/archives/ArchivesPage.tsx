import { Tabs } from 'antd';
import { useState } from 'react';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { AccessTab } from './AccessTab';
import { AppraisalTab } from './AppraisalTab';
import { CatalogueTab } from './CatalogueTab';
import { RegisterTab } from './RegisterTab';

/** The archive desk: the catalogue, access and loans, the register, and the retention appraisal. */
export function ArchivesPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const [tab, setTab] = useState('catalogue');
  return (
    <Tabs
      // each tab mounts afresh when opened, so a loan or a destruction on one shows on the others
      activeKey={tab} onChange={setTab} destroyOnHidden data-testid="archive-tabs"
      items={[
        { key: 'catalogue', label: t('arch.tab.catalogue'), children: <CatalogueTab /> },
        { key: 'access', label: t('arch.tab.access'), children: <AccessTab /> },
        { key: 'register', label: t('arch.tab.register'), children: <RegisterTab /> },
        ...(can('archives.write') || can('archives.approve') ? [{ key: 'appraisal', label: t('arch.tab.appraisal'), children: <AppraisalTab /> }] : []),
      ]}
    />
  );
}

import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { siteTime } from '../../time/deskTime';

/** The home page's line when the last good backup is older than a day (or there is none). */
export function BackupWarning() {
  const { t } = useI18n();
  const [health, setHealth] = useState<OpOutput<'backup.health'> | null>(null);
  useEffect(() => {
    call('backup.health', {}).then(setHealth, () => setHealth(null));
  }, []);
  if (!health?.stale) return null;
  return (
    <Alert type="warning" showIcon data-testid="backup-warning"
      message={health.lastGoodAt ? t('backup.stale', { at: siteTime(health.lastGoodAt) }) : t('backup.never')} />
  );
}

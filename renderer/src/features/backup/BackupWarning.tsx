import { Alert, App, Button, Flex, Input } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { siteTime } from '../../time/deskTime';

/**
 * The home page's lines about safety: the last good backup older than a day (or none), and
 * receipt numbers held because the store is behind what a backup saw issued, with the
 * supervisor's confirmation.
 */
export function BackupWarning() {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const [health, setHealth] = useState<OpOutput<'backup.health'> | null>(null);
  const [reason, setReason] = useState('');
  const load = useCallback(() => call('backup.health', {}).then(setHealth, () => setHealth(null)), []);
  useEffect(() => void load(), [load]);
  const gap = health?.receiptGap ?? null;

  async function release() {
    try {
      await call('backup.releaseReceipts', { reason });
      void message.success(t('common.saved'));
      await load();
    } catch (e) {
      showError(e);
    }
  }

  return (
    <>
      {gap && (
        <Alert type="error" showIcon data-testid="receipt-gap"
          message={t('backup.gap', { year: gap.year, have: gap.have, from: gap.have + 1, known: gap.known, next: gap.known + 1, at: siteTime(gap.backupAt) })}
          description={can('fees.approve_void') && (
            <Flex gap={8}>
              <Input placeholder={t('backup.gapReason')} value={reason} onChange={(e) => setReason(e.target.value)} style={{ maxWidth: 420 }} />
              <Button danger disabled={reason.trim().length < 4} onClick={() => void release()}>{t('backup.gapRelease')}</Button>
            </Flex>
          )} />
      )}
      {health?.stale && (
        <Alert type="warning" showIcon data-testid="backup-warning"
          message={health.lastGoodAt ? t('backup.stale', { at: siteTime(health.lastGoodAt) }) : t('backup.never')} />
      )}
    </>
  );
}

import { Alert, App, Button, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { useDeskTime } from '../../time/deskTime';
import { ApprovalModal } from './ApprovalModal';
import type { OpOutput } from '../../../../db/api/types';

export type TillDayState = OpOutput<'fees.tillDay'>;

/**
 * The closed day, said at the till where the cashier is looking: who closed it and when, why
 * it takes no more money, and what the site allows — a supervisor reopening it with a reason
 * (recorded), or nothing until tomorrow. It stays on screen while the day is closed.
 */
export function ClosedDayBanner({ state, onReopened }: { state: TillDayState; onReopened(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const deskTime = useDeskTime();
  const [asking, setAsking] = useState(false);
  if (!state.closed) return null;
  return (
    <>
      <Alert type="warning" showIcon data-testid="till-day-closed"
        message={t('fees.dayClosedTitle', { day: state.day })}
        description={<Flex vertical gap={4}>
          <span>{t('fees.dayClosedWhy', { by: state.closed.by, at: deskTime.format(state.closed.at) })}</span>
          <span>{t(state.reopen === 'never' ? 'fees.dayClosedNever' : 'fees.dayClosedReopen')}</span>
        </Flex>}
        action={state.reopen === 'supervisor' && <Button onClick={() => setAsking(true)} data-testid="reopen-day">{t('fees.reopenDay')}</Button>} />
      <ApprovalModal open={asking} name="reopenDay" title={t('fees.reopenDay')} help={t('fees.dayClosedReopen')} reasonLabel={t('fees.reopenReason')}
        okText={t('fees.reopenDay')} onClose={() => setAsking(false)}
        onSubmit={async (v) => {
          const r = await call('fees.reopenDay', v);
          void message.success(t('fees.reopened', { approver: r.approver }));
          setAsking(false);
          onReopened();
        }} />
    </>
  );
}

/** The till's shortcut keys, on screen (F2, F4, F8, F9: none is the browser's or Electron's). */
export function KeysBar() {
  const { t } = useI18n();
  return (
    <Flex gap={6} wrap align="center" data-testid="till-keys">
      <Typography.Text type="secondary">{t('fees.keys.title')}{t('common.colon')}</Typography.Text>
      {(['find', 'method', 'tendered', 'pay', 'print'] as const).map((k) => <Tag key={k}>{t(`fees.keys.${k}`)}</Tag>)}
    </Flex>
  );
}

import { Button, Card, Descriptions, Tag, Typography } from 'antd';
import { call } from '../../api';
import { navigate } from '../../app/route';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { yuan } from './shared';

/**
 * On the registry's room card: what the room owes (and since when), its prepaid credit,
 * its last receipt, and the way to the till. Anyone with fees.read sees it (receptionists
 * answer "how much do I owe?" without a cashier).
 */
export function RoomFees({ roomId }: { roomId: string }) {
  const { t } = useI18n();
  const acct = useLoad(() => call('fees.roomAccount', { roomId }), [roomId]);
  const debit = useLoad(() => call('fees.debit.agreements', { roomId }), [roomId]);
  if (acct.error || !acct.data) return null;
  const a = acct.data;
  const last = a.receipts[0];
  return (
    <Card size="small" title={t('fees.roomCard')} data-testid="room-fees"
      extra={<Button size="small" type="link" onClick={() => navigate(`/fees/collect/${roomId}`)}>{t('fees.openAccount')}</Button>}>
      <Descriptions size="small" column={1} colon={false} items={[
        { key: 'owed', label: t('fees.totalOwed'), children: a.totalOwed ? <Typography.Text type="danger" strong>{yuan(a.totalOwed)}</Typography.Text> : <Tag color="green">{t('fees.nothingOwed')}</Tag> },
        ...(a.lines.length ? [{ key: 'since', label: t('fees.owedSince'), children: t('fees.owedLinesCount', { from: a.lines[0]!.period, n: a.lines.length }) }] : []),
        ...(a.credit ? [{ key: 'credit', label: t('fees.prepay'), children: yuan(a.credit) }] : []),
        {
          key: 'debit', label: t('fees.debit.roomLine'),
          children: <Button size="small" type="link" style={{ padding: 0 }} onClick={() => navigate(`/fees/debit/${roomId}`)} data-testid="room-debit">
            {debit.data?.length ? debit.data.map((d) => `${d.bank} ${d.account}`).join('；') : t('fees.debit.roomNone')}</Button>,
        },
        ...(last ? [{ key: 'last', label: t('fees.lastReceipt'), children: `${last.number} · ${last.day} · ${yuan(last.total)}${last.voidReason ? ` · ${t('fees.void')}` : ''}` }] : []),
      ]} />
    </Card>
  );
}

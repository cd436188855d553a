import { Card, List, Tag, Typography } from 'antd';
import { call } from '../../api';
import { navigate } from '../../app/route';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { at, DeadlineTag, STAGE_COLOR } from './labels';

/** The room card's complaints and repairs, newest first. */
export function RoomCases({ roomId }: { roomId: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const cases = useLoad(() => (can('complaints.read') ? call('complaints.queue', { state: 'all', roomId, limit: 20 }) : Promise.resolve(null)), [roomId, can]);
  if (!can('complaints.read')) return null;
  return (
    <Card size="small" title={t('cmp.roomCases')} data-testid="room-cases">
      <List size="small" dataSource={cases.data?.rows ?? []} locale={{ emptyText: t('cmp.roomCases.none') }}
        renderItem={(r) => (
          <List.Item onClick={() => navigate(`/complaints/case/${r.id}`)} style={{ cursor: 'pointer' }}>
            <Typography.Text>{r.case_no} · {at(r.received_at).slice(0, 10)} · {t(`cmp.kind.${r.kind}`)}</Typography.Text>
            <Typography.Text style={{ flex: 1, margin: '0 8px' }} ellipsis>{r.matter}</Typography.Text>
            <Tag color={STAGE_COLOR[r.stage]}>{t(`cmp.stage.${r.stage}`)}</Tag>
            {r.msLeft !== null && <DeadlineTag row={r} t={t} />}
          </List.Item>
        )} />
    </Card>
  );
}

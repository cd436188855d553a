import { LoginOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Card, Flex, List, Tag, Typography } from 'antd';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { navigate } from '../../app/route';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { STATUS_COLOR } from './shared';

/** The room card's 交接记录: every handover of the room and every version, with the way to start the next one. */
export function RoomHandovers({ roomId }: { roomId: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const showError = useShowError();
  const history = useLoad(() => (can('handovers.read') ? call('handovers.roomHistory', { roomId }) : Promise.resolve([])), [roomId, can]);
  if (!can('handovers.read')) return null;
  const rows = history.data ?? [];
  const start = (kind: 'move_in' | 'move_out') => void call('handovers.start', { kind, roomId }).then((r) => navigate(`/handovers/doc/${r.id}`), showError);
  return (
    <Card size="small" title={t('ho.roomCard')} data-testid="room-handovers"
      extra={can('handovers.write') && (
        <Flex gap={6}>
          <Button size="small" icon={<LoginOutlined />} onClick={() => start('move_in')} data-testid="start-move-in">{t('ho.startMoveIn')}</Button>
          <Button size="small" icon={<LogoutOutlined />} onClick={() => start('move_out')} data-testid="start-move-out">{t('ho.startMoveOut')}</Button>
        </Flex>
      )}>
      <List size="small" dataSource={rows} locale={{ emptyText: t('ho.empty') }}
        renderItem={(r) => (
          <List.Item onClick={() => navigate(`/handovers/doc/${r.id}`)} style={{ cursor: 'pointer', paddingInline: 0 }} data-testid="room-handover-row">
            <Flex gap={6} align="center" wrap style={{ width: '100%' }}>
              <Typography.Text strong>{r.number}</Typography.Text>
              {r.version > 1 && <Tag color="purple">{t('ho.versionN', { n: r.version })}</Tag>}
              <Typography.Text>{t(`ho.kind.${r.kind}`)}</Typography.Text>
              <Typography.Text type="secondary" ellipsis style={{ flex: 1 }}>{r.occupant}</Typography.Text>
              <Tag color={STATUS_COLOR[r.status]}>{t(`ho.status.${r.status}`)}</Tag>
              {r.superseded && <Tag>{t('ho.superseded')}</Tag>}
            </Flex>
          </List.Item>
        )} />
    </Card>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Divider, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api';
import { navigate } from '../../app/route';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { at, DeadlineTag, STAGE_COLOR, type QueueRow } from './labels';
import { RoomCaseStart } from './RoomCaseStart';

/** The room card's complaints and repairs: its open cases with their deadlines first, then the history; a new case starts here. */
export function RoomCases({ roomId, roomCode }: { roomId: string; roomCode: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [starting, setStarting] = useState(false);
  const readable = can('complaints.read');
  const open = useLoad(() => (readable ? call('complaints.queue', { state: 'open', roomId, limit: 20 }) : Promise.resolve(null)), [roomId, readable]);
  const cases = useLoad(() => (readable ? call('complaints.queue', { state: 'all', roomId, limit: 20 }) : Promise.resolve(null)), [roomId, readable]);
  if (!readable) return null;
  const row = (r: QueueRow) => (
    <List.Item onClick={() => navigate(`/complaints/case/${r.id}`)} style={{ cursor: 'pointer' }}>
      <Typography.Text>{r.case_no} · {at(r.received_at).slice(0, 10)} · {t(`cmp.kind.${r.kind}`)}</Typography.Text>
      <Typography.Text style={{ flex: 1, margin: '0 8px' }} ellipsis>{r.matter}</Typography.Text>
      <Tag color={STAGE_COLOR[r.stage]}>{t(`cmp.stage.${r.stage}`)}</Tag>
      {r.msLeft !== null && <DeadlineTag row={r} t={t} />}
    </List.Item>
  );
  const openRows = open.data?.rows ?? [];
  return (
    <Card size="small" title={t('cmp.roomCases')} data-testid="room-cases"
      extra={can('complaints.write') && <Button size="small" icon={<PlusOutlined />} onClick={() => setStarting(true)} data-testid="room-case-start">{t('cmp.room.start')}</Button>}>
      {openRows.length > 0 && (
        <>
          <Typography.Text strong>{t('cmp.room.open')}</Typography.Text>
          <List size="small" dataSource={openRows} renderItem={row} data-testid="room-open-cases" />
          <Divider style={{ margin: '8px 0' }} />
        </>
      )}
      <List size="small" dataSource={cases.data?.rows ?? []} locale={{ emptyText: t('cmp.roomCases.none') }} renderItem={row} />
      {starting && <RoomCaseStart roomId={roomId} roomCode={roomCode} onClose={() => setStarting(false)} />}
    </Card>
  );
}

import { AuditOutlined, FileAddOutlined, MoneyCollectOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { navigate } from '../../app/route';
import { useSession } from '../../app/session';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../i18n';
import { AREAS } from '../areas';
import { pickerValue } from '../../time/deskTime';
import { PendingShifts } from '../handovers/ShiftView';
import { BackupWarning } from '../backup/BackupWarning';
import { RoomSearch } from '../registry/RoomSearch';
import { WorkList } from './WorkList';

/**
 * The day's work list: a room search that opens the card, one-key actions as the role allows,
 * then what needs doing today, by role (db/home/worklist.ts) — escalations first for a
 * supervisor or the deputy GM. Other areas add a section there, or a small card here.
 */
export function HomePage() {
  const { t } = useI18n();
  const { user, can } = useSession();
  const showError = useShowError();
  const [today, setToday] = useState<OpOutput<'home.today'> | null>(null);
  const [work, setWork] = useState<OpOutput<'home.worklist'> | null>(null);

  useEffect(() => {
    call('home.today', {}).then(setToday, showError);
    call('home.worklist', {}).then(setWork, showError);
  }, [showError]);

  const actions = [
    { key: 'logCase', icon: <FileAddOutlined />, path: '/complaints/new', allowed: can('complaints.write') },
    { key: 'collect', icon: <MoneyCollectOutlined />, path: '/fees/collect', allowed: can('fees.collect') },
    { key: 'file', icon: <AuditOutlined />, path: '/archives', allowed: can('archives.write') },
    { key: 'handover', icon: <SwapOutlined />, path: '/handovers', allowed: can('handovers.write') },
  ] as const;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="end" wrap gap={12}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="home-greeting">{t('home.greeting', { name: user.displayName })}</Typography.Title>
          <Typography.Text type="secondary">{today && t('home.today', { date: pickerValue(today.today.day).format(t('home.dateFormat')) })}</Typography.Text>
        </div>
        <Space wrap data-testid="home-actions">
          {actions.filter((a) => a.allowed).map((a) => (
            <Button key={a.key} icon={a.icon} onClick={() => navigate(a.path)} data-testid={`home-act-${a.key}`}>{t(`home.act.${a.key}`)}</Button>
          ))}
        </Space>
      </Flex>
      <BackupWarning />
      {can('registry.read') && <div data-testid="home-search"><RoomSearch /></div>}
      {work && <WorkList sections={work.sections} />}
      <PendingShifts open={(id) => navigate(`/handovers/doc/${id}`)} />
      <Row gutter={16}>
        <Col span={6}><Card size="small"><Statistic title={t('home.myChanges')} value={today?.myChangesToday ?? '–'} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('home.signIns')} value={today?.signInsToday ?? '–'} /></Card></Col>
        <Col span={12}>
          <Card title={t('home.onDuty')} size="small">
            {today && today.onDuty.length === 0 ? t('home.nobody') : (
              <Flex wrap gap={6}>{today?.onDuty.map((s) => <Tag key={s.id}>{s.display_name} · {t(`role.${s.role}`)}</Tag>)}</Flex>
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('home.areas')}>
        <List
          grid={{ gutter: 12, column: 4 }}
          dataSource={AREAS.filter((a) => a.key !== 'home' && can(a.permission))}
          renderItem={(a) => (
            <List.Item>
              <Card size="small" hoverable onClick={() => navigate(`/${a.key}`)} title={t(a.nav)} extra={<Tag color="green">{t('home.ready')}</Tag>}>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, minHeight: 44 }}>{a.desc ? t(a.desc) : ''}</Typography.Paragraph>
              </Card>
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}

import { Card, Col, Flex, List, Row, Statistic, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { navigate } from '../../app/route';
import { useSession } from '../../app/session';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../i18n';
import { AREAS } from '../areas';
import { pickerValue } from '../../time/deskTime';
import { AttentionCard } from '../complaints/AttentionCard';
import { PendingShifts } from '../handovers/ShiftView';
import { BackupWarning } from '../backup/BackupWarning';

/** Today's work at this desk. Later areas add their queues here (open complaints, today's takings…). */
export function HomePage() {
  const { t } = useI18n();
  const { user, can } = useSession();
  const showError = useShowError();
  const [today, setToday] = useState<OpOutput<'home.today'> | null>(null);

  useEffect(() => {
    call('home.today', {}).then(setToday, showError);
  }, [showError]);

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="home-greeting">{t('home.greeting', { name: user.displayName })}</Typography.Title>
        <Typography.Text type="secondary">{today && t('home.today', { date: pickerValue(today.today.day).format(t('home.dateFormat')) })}</Typography.Text>
      </div>
      <BackupWarning />
      <AttentionCard />
      <PendingShifts open={(id) => navigate(`/handovers/doc/${id}`)} />
      <Row gutter={16}>
        <Col span={6}><Card><Statistic title={t('home.myChanges')} value={today?.myChangesToday ?? '–'} /></Card></Col>
        <Col span={6}><Card><Statistic title={t('home.signIns')} value={today?.signInsToday ?? '–'} /></Card></Col>
        <Col span={12}>
          <Card title={t('home.onDuty')} size="small">
            {today && today.onDuty.length === 0 ? t('home.nobody') : (
              <Flex wrap gap={6}>{today?.onDuty.map((s) => <Tag key={s.id}>{s.display_name} · {t(`role.${s.role}`)}</Tag>)}</Flex>
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t('home.areas')}>
        <List
          grid={{ gutter: 12, column: 3 }}
          dataSource={AREAS.filter((a) => a.key !== 'home')}
          renderItem={(a) => {
            const allowed = can(a.permission);
            return (
              <List.Item>
                <Card size="small" hoverable={allowed} onClick={() => allowed && navigate(`/${a.key}`)}
                  title={t(a.nav)}
                  extra={!allowed ? <Tag>{t('home.noAccess')}</Tag> : <Tag color="green">{t('home.ready')}</Tag>}>
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, minHeight: 44 }}>
                    {a.desc ? t(a.desc) : ''}
                  </Typography.Paragraph>
                </Card>
              </List.Item>
            );
          }}
        />
      </Card>
    </Flex>
  );
}

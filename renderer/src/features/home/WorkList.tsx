import { Badge, Card, Col, Empty, List, Row, Statistic, Tag, Typography } from 'antd';
import type { OpOutput } from '../../../../db/api/types';
import { navigate } from '../../app/route';
import { useI18n, type MessageKey } from '../../i18n';
import { DeadlineTag } from '../complaints/labels';
import { yuan } from '../fees/shared';

type Section = OpOutput<'home.worklist'>['sections'][number];

/**
 * The day's work, one card per section the store sent (db/home/worklist.ts), in its order:
 * every line and every figure opens the screen it names. A section with nothing in it
 * still shows, so a person sees that it is clear rather than wonder.
 */
export function WorkList({ sections }: { sections: readonly Section[] }) {
  return (
    <Row gutter={[16, 16]}>
      {sections.map((s) => <Col key={s.key} span={s.figures ? 24 : 12}><WorkSection s={s} /></Col>)}
    </Row>
  );
}

function WorkSection({ s }: { s: Section }) {
  const { t } = useI18n();
  const title = (
    <span>
      {t(`home.w.${s.key}` as MessageKey)}
      {!s.figures && <Badge count={s.lines.length} overflowCount={20} showZero color={s.lines.length ? (s.key === 'escalations' ? 'red' : 'blue') : 'gray'} style={{ marginLeft: 8 }} />}
    </span>
  );
  const more = s.more ? <a onClick={() => navigate(s.link)}>{t('home.w.more')}</a> : null;
  return (
    <Card size="small" title={title} extra={more} data-testid={`work-${s.key}`}
      styles={{ header: { background: s.key === 'escalations' && s.lines.length ? '#fff1f0' : undefined } }}>
      {s.figures ? (
        <Row gutter={12}>
          {s.figures.map((f) => (
            <Col key={f.key} flex="1">
              <Card size="small" hoverable onClick={() => navigate(f.link)} data-testid={`figure-${f.key}`}>
                <Statistic title={t(`home.f.${f.key}` as MessageKey)} value={f.money ? yuan(f.value) : f.value} />
              </Card>
            </Col>
          ))}
        </Row>
      ) : s.lines.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.w.none')} style={{ margin: 8 }} /> : (
        <List size="small" dataSource={s.lines} renderItem={(l) => (
          <List.Item onClick={() => navigate(l.link)} style={{ cursor: 'pointer', display: 'block' }} data-testid="work-line">
            {/* what it is (number, kind, room and matter) on one row, what is late on the next: neither hides the other */}
            <div style={{ display: 'flex', alignItems: 'baseline', gap: 8, minWidth: 0 }}>
              <Typography.Text strong style={{ flex: 'none' }}>{l.title}</Typography.Text>
              {l.caseKind && <Tag data-testid="work-kind" style={{ flex: 'none' }}>{t(`cmp.kind.${l.caseKind}` as MessageKey)}</Tag>}
              <Typography.Text style={{ flex: 1, minWidth: 0 }} ellipsis={{ tooltip: l.text }}>{l.text}</Typography.Text>
            </div>
            {l.caseState && l.dueAt && <div style={{ marginTop: 4 }}><DeadlineTag row={{ ...l.caseState, due_at: l.dueAt }} t={t} /></div>}
            {l.dueOn && <div style={{ marginTop: 4 }}><Tag color="orange">{t('home.w.dueOn', { day: l.dueOn })}</Tag></div>}
          </List.Item>
        )} />
      )}
    </Card>
  );
}

import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api';
import { Refused } from '../../app/Refused';
import { navigate } from '../../app/route';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useShowError } from '../../app/errors';
import { useI18n, type Translate } from '../../i18n';
import { PrintPreview } from '../../print/PrintPreview';
import { ActionModal, type Action } from './ActionModal';
import { at, DeadlineTag, STAGE_COLOR, type CaseDetail } from './labels';
import { DispatchSlip, HandlingSlip } from './Slips';

type Ev = CaseDetail['events'][number];

/** One line of the timeline: what happened, by whom, with the words that were said. */
function eventText(e: Ev, t: Translate): string {
  const d = e.detail as Record<string, string | number | boolean | null>;
  switch (e.event) {
    case 'escalated': return t(d.level === 2 ? 'cmp.e.level2' : d.onsite ? 'cmp.e.onsiteLate' : 'cmp.e.level1');
    case 'dispatched': return `${d.department === 'other' ? d.departmentName : t(`cmp.dept.${d.department as 'engineering'}`)} · ${d.assignee}${d.note ? `${t('common.colon')}${d.note}` : ''}${d.dueAt ? ` · ${t('cmp.due')} ${at(d.dueAt as string)}` : ''}`;
    case 'replied': return `${t(`cmp.method.${d.method as 'phone'}`)}${t('common.colon')}${d.text}`;
    case 'followed_up': return `${t('cmp.satisfaction')} ${d.satisfaction}/5 ${d.remarks ?? ''}`;
    case 'reopened': return `${d.reason} · ${t('cmp.due')} ${at(d.dueAt as string)}`;
    case 'validity': return d.valid ? t('cmp.valid') : `${t('cmp.invalid')}${t('common.colon')}${d.reason}`;
    case 'note': return String(d.text ?? '');
    case 'closed': return String(d.remarks ?? '');
    case 'received': return `${t('cmp.due')} ${at(d.dueAt as string)}${d.onsiteDueAt ? ` · ${t('cmp.onsiteDue')} ${at(d.onsiteDueAt as string)}` : ''}`;
    default: return '';
  }
}

/** Which steps the case's stage allows now (the store checks again). */
function actionsFor(c: CaseDetail): Action[] {
  switch (c.stage) {
    case 'received': return ['dispatch', 'validity', 'note'];
    case 'handling': return ['dispatch', 'reply', 'validity', 'note'];
    case 'replied': return ['followUp', 'validity', 'note'];
    case 'followed_up': return ['close', 'reopen', 'validity', 'note'];
    case 'closed': return ['reopen'];
  }
}

export function CasePage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { can } = useSession();
  const showError = useShowError();
  const data = useLoad(() => call('complaints.get', { id }), [id]);
  const [action, setAction] = useState<Action | null>(null);
  const [print, setPrint] = useState<'slip' | 'dispatch' | null>(null);
  const [printedAt, setPrintedAt] = useState('');

  if (data.error) return <Refused error={data.error} />;
  if (!data.data) return <Skeleton active />;
  const c = data.data;
  const write = can('complaints.write');
  const openPrint = async (which: 'slip' | 'dispatch') => {
    setPrintedAt((await call('complaints.setup')).now);
    setPrint(which);
  };
  const primary: Partial<Record<CaseDetail['stage'], Action>> = { received: 'dispatch', handling: 'reply', replied: 'followUp', followed_up: 'close' };

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/complaints')} />
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-no">{c.case_no}</Typography.Title>
          <Tag color={STAGE_COLOR[c.stage]} data-testid="case-stage">{t(`cmp.stage.${c.stage}`)}</Tag>
          <DeadlineTag row={c} t={t} />
          {!c.valid && <Tag color="default">{t('cmp.invalid')}</Tag>}
          {c.reopen_count > 0 && <Tag color="purple">{t('cmp.reopens', { n: c.reopen_count })}</Tag>}
        </Space>
        <Space wrap>
          {write && actionsFor(c).map((a) => (
            <Button key={a} type={primary[c.stage] === a ? 'primary' : 'default'} onClick={() => setAction(a)} data-testid={`act-${a}`}>{t(`cmp.a.${a}`)}</Button>
          ))}
          {write && c.kind === 'repair' && c.stage === 'handling' && !c.onsite_at && (
            <Button onClick={() => void call('complaints.onsite', { id }).then(data.reload, showError)} data-testid="act-onsite">{t('cmp.a.onsite')}</Button>
          )}
          <Button icon={<PrinterOutlined />} onClick={() => void openPrint('slip')} data-testid="print-slip">{t('cmp.a.slip')}</Button>
          {c.department && <Button icon={<PrinterOutlined />} onClick={() => void openPrint('dispatch')} data-testid="print-dispatch">{t('cmp.a.dispatchSlip')}</Button>}
        </Space>
      </Flex>
      {!c.valid && <Alert type="warning" showIcon title={`${t('cmp.invalid')}${t('common.colon')}${c.invalid_reason}`} />}
      <Card size="small">
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label={t('cmp.kind')}>{t(`cmp.kind.${c.kind}`)} · {t(`cmp.severity.${c.severity}`)}</Descriptions.Item>
          <Descriptions.Item label={t('cmp.channel')}>{t(`cmp.channel.${c.channel}`)}</Descriptions.Item>
          <Descriptions.Item label={t('cmp.category')}>{locale === 'en-US' ? c.category_en : c.category_zh}</Descriptions.Item>
          <Descriptions.Item label={t('cmp.room')}>{c.room_id ? <a onClick={() => navigate(`/registry/room/${c.room_id}`)} data-testid="case-room">{c.room_code}</a> : t('cmp.room.none')}</Descriptions.Item>
          <Descriptions.Item label={t('cmp.complainant')}>{c.complainant}</Descriptions.Item>
          <Descriptions.Item label={t('cmp.phone')}>{c.phone}</Descriptions.Item>
          <Descriptions.Item label={t('cmp.receivedAt')}>{at(c.received_at)}</Descriptions.Item>
          <Descriptions.Item label={t('cmp.receiver')}><span data-testid="case-owner">{c.receiver_name}</span></Descriptions.Item>
          <Descriptions.Item label={t('cmp.due')}>{at(c.due_at)}</Descriptions.Item>
          {c.onsite_due_at && <Descriptions.Item label={t('cmp.onsiteDue')}>{at(c.onsite_due_at)}</Descriptions.Item>}
          {c.onsite_due_at && <Descriptions.Item label={t('cmp.onsiteAt')}>{at(c.onsite_at)}</Descriptions.Item>}
          <Descriptions.Item label={t('cmp.department')} span={c.onsite_due_at ? 1 : 3}>{c.department ? `${c.department === 'other' ? c.department_name : t(`cmp.dept.${c.department}`)} · ${c.assignee}` : t('cmp.dept.none')}</Descriptions.Item>
          <Descriptions.Item label={t('cmp.matter')} span={3}>{c.matter}</Descriptions.Item>
          <Descriptions.Item label={t('cmp.wanted')} span={3}>{c.wanted}</Descriptions.Item>
          {c.reply_method && <Descriptions.Item label={t('cmp.reply')} span={3}>{t(`cmp.method.${c.reply_method}`)} · {at(c.replied_at)}{t('common.colon')}{c.reply_text}</Descriptions.Item>}
          {c.satisfaction && <Descriptions.Item label={t('cmp.satisfaction')} span={3}>{c.satisfaction}/5 {c.followup_remarks}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title={t('cmp.timeline')}>
        <Timeline data-testid="timeline" items={c.events.map((e) => ({
          key: e.id,
          color: e.event === 'escalated' ? 'red' : e.event === 'closed' ? 'gray' : 'blue',
          content: (
            <div data-testid="timeline-item">
              <Typography.Text strong>{t(`cmp.e.${e.event}`)}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{at(e.at)} · {e.actor || t('cmp.e.system')}</Typography.Text>
              <div>{eventText(e, t)}</div>
            </div>
          ),
        }))} />
      </Card>
      {action && <ActionModal action={action} c={c} onClose={() => setAction(null)} onDone={() => { setAction(null); void message.success(t('common.saved')); void data.reload(); }} />}
      <PrintPreview open={print !== null} onClose={() => setPrint(null)} paper={print === 'dispatch' ? 'A5-landscape' : 'A4'}
        title={t(print === 'dispatch' ? 'cmp.slip.dispatchTitle' : 'cmp.slip.title')} fileName={`${c.case_no}-${print ?? ''}.pdf`}>
        {print === 'dispatch' ? <DispatchSlip c={c} now={printedAt} /> : <HandlingSlip c={c} now={printedAt} />}
      </PrintPreview>
    </Flex>
  );
}

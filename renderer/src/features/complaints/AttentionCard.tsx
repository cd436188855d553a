import { Card, List, Typography } from 'antd';
import { call } from '../../api';
import { navigate } from '../../app/route';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { DeadlineTag } from './labels';

/**
 * First thing on the home page: the deputy GM sees the cases escalated to them, the
 * supervisor the cases past their deadline, everyone else their own overdue cases.
 * The store derives this from the clock when the desk opens: no timer had to run.
 */
export function AttentionCard() {
  const { t } = useI18n();
  const a = useLoad(() => call('complaints.attention'), []);
  if (!a.data || (a.data.level === 0 && a.data.rows.length === 0)) return null;
  return (
    <Card size="small" title={t(`cmp.attention.${a.data.level as 0 | 1 | 2}`)} data-testid="attention" styles={{ header: { background: a.data.rows.length ? '#fff1f0' : undefined } }}>
      <List size="small" dataSource={a.data.rows} locale={{ emptyText: t('cmp.attention.none') }}
        renderItem={(r) => (
          <List.Item onClick={() => navigate(`/complaints/case/${r.id}`)} style={{ cursor: 'pointer' }} data-testid="attention-row">
            <Typography.Text strong style={{ width: 100 }}>{r.case_no}</Typography.Text>
            <DeadlineTag row={r} t={t} />
            <Typography.Text style={{ flex: 1, marginLeft: 8 }} ellipsis>{r.room_code} {r.complainant}{t('common.colon')}{r.matter}</Typography.Text>
            <Typography.Text type="secondary">{t('cmp.receiverShort')} {r.receiver_name}</Typography.Text>
          </List.Item>
        )} />
    </Card>
  );
}

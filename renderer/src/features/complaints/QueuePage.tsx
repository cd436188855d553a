import { Button, Flex, Input, Segmented, Select, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { OpInput } from '../../../../db/api/types';
import { call } from '../../api';
import { Refused } from '../../app/Refused';
import { navigate } from '../../app/route';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { categoryName, DeadlineTag, DEPARTMENTS, KINDS, options, STAGE_COLOR, type Category, type QueueRow } from './labels';

type Tab = 'mine' | 'open' | 'overdue' | 'all';
const PAGE = 50;

/**
 * The queues: mine, all open by deadline, overdue, everything; narrowed by building,
 * department, kind, or a search over the matter and replies. Each row shows its time
 * left or overdue and its escalation level, computed by the store from the clock.
 */
export function QueuePage({ categories }: { categories: Category[] | undefined }) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const [tab, setTab] = useState<Tab>('mine');
  const [buildingId, setBuildingId] = useState<string>();
  const [department, setDepartment] = useState<OpInput<'complaints.queue'>['department']>();
  const [kind, setKind] = useState<OpInput<'complaints.queue'>['kind']>();
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const buildings = useLoad(() => (can('registry.read') ? call('registry.tree') : Promise.resolve([])), [can]);
  useEffect(() => setOffset(0), [tab, buildingId, department, kind, text]);

  const page = useLoad(() => call('complaints.queue', {
    state: tab === 'mine' ? 'open' : tab, mine: tab === 'mine' || undefined, buildingId, department, kind, text: text || undefined, limit: PAGE, offset,
  }), [tab, buildingId, department, kind, text, offset]);
  // time left is computed by the store when asked: ask again each minute while the queue is open
  const { reload } = page;
  useEffect(() => {
    const timer = setInterval(() => void reload(), 60_000);
    return () => clearInterval(timer);
  }, [reload]);

  // the matter gets whatever width is left: room and person, kind and category share a column each
  const columns = [
    { title: t('cmp.caseNo'), dataIndex: 'case_no', width: 100, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: t('cmp.due'), key: 'due', width: 220, render: (_: unknown, r: QueueRow) => <DeadlineTag row={r} t={t} /> },
    {
      title: `${t('cmp.kind')} · ${t('cmp.category')}`, key: 'kind', width: 150,
      render: (_: unknown, r: QueueRow) => <>{r.severity === 'urgent' && <Tag color="red">{t('cmp.severity.urgent')}</Tag>}{t(`cmp.kind.${r.kind}`)} · {categoryName(categories, r.category, locale)}</>,
    },
    {
      title: `${t('cmp.room')} · ${t('cmp.complainant')}`, key: 'who', width: 130,
      render: (_: unknown, r: QueueRow) => <>{r.room_code || <Typography.Text type="secondary">{t('cmp.room.none')}</Typography.Text>} {r.complainant}</>,
    },
    { title: t('cmp.matter'), dataIndex: 'matter', ellipsis: true },
    { title: t('cmp.stage'), dataIndex: 'stage', width: 80, render: (v: QueueRow['stage']) => <Tag color={STAGE_COLOR[v]}>{t(`cmp.stage.${v}`)}</Tag> },
    { title: t('cmp.department'), dataIndex: 'department', width: 120, render: (v: QueueRow['department'], r: QueueRow) => (v ? `${v === 'other' ? r.department_name : t(`cmp.dept.${v}`)}${r.assignee ? ` · ${r.assignee}` : ''}` : '') },
    { title: t('cmp.receiverShort'), dataIndex: 'receiver_name', width: 80 },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <Segmented<Tab> value={tab} onChange={setTab} data-testid="queue-tabs"
          options={(['mine', 'open', 'overdue', 'all'] as const).map((v) => ({ value: v, label: t(`cmp.q.${v}`) }))} />
        <Select allowClear placeholder={t('cmp.q.building')} style={{ width: 120 }} value={buildingId} onChange={setBuildingId}
          options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))} data-testid="queue-building" />
        <Select allowClear placeholder={t('cmp.q.department')} style={{ width: 140 }} value={department} onChange={setDepartment} options={options(DEPARTMENTS, 'cmp.dept', t)} />
        <Select allowClear placeholder={t('cmp.q.kind')} style={{ width: 100 }} value={kind} onChange={setKind} options={options(KINDS, 'cmp.kind', t)} />
        <Input.Search allowClear placeholder={t('cmp.q.search')} style={{ width: 320 }} onSearch={setText} data-testid="queue-search" />
      </Flex>
      {page.error ? <Refused error={page.error} /> : (
        <Table<QueueRow> size="small" rowKey="id" loading={page.loading} dataSource={page.data?.rows ?? []} columns={columns} pagination={false}
          locale={{ emptyText: t('cmp.q.empty') }} data-testid="queue"
          onRow={(r) => ({ onClick: () => navigate(`/complaints/case/${r.id}`), style: { cursor: 'pointer' } })} />
      )}
      <Flex gap={8} justify="flex-end">
        <Button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('cmp.q.prev')}</Button>
        <Button disabled={!page.data?.hasMore} onClick={() => setOffset(offset + PAGE)}>{t('cmp.q.next')}</Button>
      </Flex>
    </Flex>
  );
}

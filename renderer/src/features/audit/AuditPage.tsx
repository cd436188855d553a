import { Button, DatePicker, Flex, Form, Input, Select, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { OpInput, OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { Refused } from '../../app/Refused';
import { useLoad } from '../../app/useLoad';
import { useI18n, type MessageKey } from '../../i18n';
import { siteTime } from '../../time/deskTime';
import { ChangeDiff } from './ChangeDiff';

type Entry = OpOutput<'audit.list'>[number];
type Filters = Omit<OpInput<'audit.list'>, 'beforeSeq' | 'limit'>;
const TABLES = ['site', 'setting', 'staff', 'audit_event'] as const;
const PAGE = 50;

/** The audit trail: who did what and when, with before/after, filterable; read-only by nature. */
export function AuditPage() {
  const { t } = useI18n();
  const actors = useLoad(() => call('audit.actors'), []);
  const [filters, setFilters] = useState<Filters>({});
  const [rows, setRows] = useState<Entry[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async (f: Filters, beforeSeq?: number) => {
    setLoading(true);
    try {
      const page = await call('audit.list', { ...f, beforeSeq, limit: PAGE });
      setRows((prev) => (beforeSeq ? [...prev, ...page] : page));
      setMore(page.length === PAGE);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => void load(filters), [load, filters]);

  if (error || actors.error) return <Refused error={error ?? actors.error} />;

  function apply(v: { actorId?: string; dates?: [Dayjs, Dayjs]; table?: string; operation?: string; text?: string }) {
    setFilters({
      actorId: v.actorId || undefined,
      from: v.dates?.[0]?.format('YYYY-MM-DD'),
      to: v.dates?.[1]?.format('YYYY-MM-DD'),
      table: v.table || undefined,
      operation: v.operation?.trim() || undefined,
      text: v.text?.trim() || undefined,
    });
  }

  return (
    <Flex vertical gap={12}>
      <Form layout="inline" onFinish={apply} onReset={() => setFilters({})}>
        <Form.Item name="actorId" label={t('audit.actor')}>
          <Select allowClear style={{ width: 160 }} options={(actors.data ?? []).map((a) => ({ value: a.id, label: `${a.display_name}（${a.username}）` }))} />
        </Form.Item>
        <Form.Item name="dates" label={t('audit.dates')}><DatePicker.RangePicker /></Form.Item>
        <Form.Item name="table" label={t('audit.table')}>
          <Select allowClear style={{ width: 130 }} options={TABLES.map((x) => ({ value: x, label: t(`table.${x}`) }))} />
        </Form.Item>
        <Form.Item name="operation" label={t('audit.operation')}><Input style={{ width: 150 }} placeholder="staff.create" /></Form.Item>
        <Form.Item name="text" label={t('audit.text')}><Input style={{ width: 140 }} /></Form.Item>
        <Button type="primary" htmlType="submit">{t('common.search')}</Button>
        <Button htmlType="reset" style={{ marginLeft: 8 }}>{t('common.reset')}</Button>
      </Form>
      <Table<Entry>
        rowKey="seq" size="small" loading={loading} dataSource={rows} pagination={false} data-testid="audit-table"
        locale={{ emptyText: t('audit.empty') }}
        expandable={{ expandedRowRender: (r) => <ChangeDiff before={r.before} after={r.after} /> }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => siteTime(v, { seconds: true }) },
          { title: t('audit.actor'), dataIndex: 'actor_name', render: (v: string | null) => v ?? t('audit.system') },
          { title: t('audit.operation'), dataIndex: 'operation', render: (v: string | null) => <code>{v ?? '—'}</code> },
          { title: t('audit.table'), dataIndex: 'table_name', render: (v: string) => (TABLES.includes(v as (typeof TABLES)[number]) ? t(`table.${v}` as MessageKey) : v) },
          {
            title: t('audit.kind'), dataIndex: 'kind',
            render: (k: Entry['kind'], r) => (
              <Tag color={k === 'insert' ? 'green' : k === 'update' ? 'blue' : 'red'}>
                {r.table_name === 'audit_event' ? String(r.after?.event ?? '') : t(`audit.kind.${k}`)}
              </Tag>
            ),
          },
          { title: t('audit.row'), dataIndex: 'row_id', render: (v: string) => <code title={v}>{v.slice(-8)}</code> },
        ]}
      />
      {more && <Button onClick={() => void load(filters, rows.at(-1)?.seq)}>{t('common.loadMore')}</Button>}
    </Flex>
  );
}

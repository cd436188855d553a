import { Button, Flex, Input, Segmented, Select, Table, Tag, Typography } from 'antd';
import { DatePicker } from '../../time/DatePicker';
import { Form } from '../../shared/Form';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { OpInput } from '../../../../db/api/types';
import { call } from '../../api';
import { Refused } from '../../app/Refused';
import { useLoad } from '../../app/useLoad';
import { messageOf, useI18n, type MessageKey } from '../../i18n';
import { siteTime } from '../../time/deskTime';
import { ChangeDiff } from './ChangeDiff';
import { changeLine, operationOptions, operationWords, readEntry, tableOptions, tableWords, type Entry, type ValueContext } from './readable';

type Filters = Omit<OpInput<'audit.list'>, 'beforeSeq' | 'limit'>;
type View = 'readable' | 'raw';
/** a page of the trail, as the desk gives by default (TRAIL_PAGE in db/audit/queries.ts) */
const PAGE = 50;
const KIND_COLOR = { insert: 'green', update: 'blue', delete: 'red' } as const;

/**
 * The audit trail: who did what and when. Readable by default (the operation in words, the
 * record by its business name, changed fields by their labels); the raw view, every column
 * as the store keeps it, is one click away for auditors. Read-only by nature.
 */
export function AuditPage() {
  const { t, locale } = useI18n();
  const actors = useLoad(() => call('audit.actors'), []);
  const [filters, setFilters] = useState<Filters>({});
  const [view, setView] = useState<View>('readable');
  const [rows, setRows] = useState<Entry[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async (f: Filters, beforeSeq?: number) => {
    setLoading(true);
    try {
      const page = (await call('audit.list', { ...f, beforeSeq, limit: PAGE })).map(readEntry);
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

  const values = useMemo<ValueContext>(
    () => ({
      locale, staff: new Map((actors.data ?? []).map((a) => [a.id, a.display_name])), yes: t('audit.yes'), no: t('audit.no'),
      message: (key: string) => messageOf(locale, key),
    }),
    [actors.data, locale, t],
  );

  if (error || actors.error) return <Refused error={error ?? actors.error} />;

  function apply(v: { actorId?: string; dates?: [Dayjs, Dayjs]; table?: string; operation?: string; text?: string }) {
    setFilters({
      actorId: v.actorId || undefined,
      from: v.dates?.[0]?.format('YYYY-MM-DD'),
      to: v.dates?.[1]?.format('YYYY-MM-DD'),
      table: v.table || undefined,
      operation: v.operation || undefined,
      text: v.text?.trim() || undefined,
    });
  }

  const when = { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => siteTime(v, { seconds: true }) };
  const who = { title: t('audit.actor'), dataIndex: 'actor_name', width: 110, render: (v: string | null) => v ?? t('audit.system') };
  const readableColumns: ColumnsType<Entry> = [
    when, who,
    {
      title: t('audit.operation'), dataIndex: 'operation', width: 200,
      render: (op: string | null, r) => {
        const event = r.table_name === 'audit_event' ? String(r.after?.event ?? '') : '';
        const eventKey = `audit.event.${event}` as MessageKey;
        return event ? <span>{t(eventKey)} <Typography.Text type="secondary">· {operationWords(op, locale)}</Typography.Text></span> : operationWords(op, locale);
      },
    },
    {
      title: t('audit.subject'), dataIndex: 'table_name', width: 260,
      render: (table: string, r) => (
        <span data-testid="audit-subject">
          <Tag color={KIND_COLOR[r.kind]}>{t(`audit.kind.${r.kind}`)}</Tag>
          {tableWords(table, locale)} {r.subject && <strong>{r.subject}</strong>}
        </span>
      ),
    },
    { title: t('audit.changes'), key: 'changes', render: (_: unknown, r) => (r.table_name === 'audit_event' ? null : changeLine(r, values, t('common.colon'), (n) => t('audit.moreFields', { n }))) },
  ];
  const rawColumns: ColumnsType<Entry> = [
    { title: '#', dataIndex: 'seq', width: 70 },
    when, who,
    { title: t('audit.operation'), dataIndex: 'operation', render: (v: string | null) => <code>{v ?? '—'}</code> },
    { title: t('audit.table'), dataIndex: 'table_name', render: (v: string) => <code>{v}</code> },
    {
      title: t('audit.kind'), dataIndex: 'kind',
      render: (k: Entry['kind'], r) => <Tag color={KIND_COLOR[k]}>{r.table_name === 'audit_event' ? String(r.after?.event ?? '') : k}</Tag>,
    },
    { title: t('audit.row'), dataIndex: 'row_id', render: (v: string) => <code title={v}>{v.slice(-8)}</code> },
  ];

  return (
    <Flex vertical gap={12}>
      <Form layout="inline" onFinish={apply} onReset={() => setFilters({})}>
        <Form.Item name="actorId" label={t('audit.actor')}>
          <Select allowClear style={{ width: 160 }} options={(actors.data ?? []).map((a) => ({ value: a.id, label: `${a.display_name}（${a.username}）` }))} />
        </Form.Item>
        <Form.Item name="dates" label={t('audit.dates')}><DatePicker.RangePicker /></Form.Item>
        <Form.Item name="table" label={t('audit.table')}>
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 150 }} options={tableOptions(locale)} data-testid="audit-table-filter" />
        </Form.Item>
        <Form.Item name="operation" label={t('audit.operation')}>
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 180 }} placeholder={t('audit.pickOperation')}
            options={operationOptions(locale)} data-testid="audit-operation-filter" />
        </Form.Item>
        <Form.Item name="text" label={t('audit.text')}><Input style={{ width: 140 }} /></Form.Item>
        <Button type="primary" htmlType="submit">{t('common.search')}</Button>
        <Button htmlType="reset" style={{ marginLeft: 8 }}>{t('common.reset')}</Button>
      </Form>
      <Segmented<View> value={view} onChange={setView} data-testid="audit-view" style={{ alignSelf: 'flex-start' }}
        options={[{ value: 'readable', label: t('audit.view.readable') }, { value: 'raw', label: t('audit.view.raw') }]} />
      <Table<Entry>
        rowKey="seq" size="small" loading={loading} dataSource={rows} pagination={false} data-testid="audit-table"
        locale={{ emptyText: t('audit.empty') }}
        expandable={{
          expandedRowRender: (r) => <ChangeDiff table={r.table_name} before={r.before} after={r.after} readable={view === 'readable' ? values : null} />,
        }}
        columns={view === 'readable' ? readableColumns : rawColumns}
      />
      {more && <Button onClick={() => void load(filters, rows.at(-1)?.seq)}>{t('common.loadMore')}</Button>}
    </Flex>
  );
}

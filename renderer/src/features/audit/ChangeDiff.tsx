import { Table } from 'antd';
import { useI18n } from '../../i18n';
import { fieldChanges, fieldValue, fieldWords, type ValueContext } from './readable';

type Row = Record<string, unknown> | null;

/**
 * Before/after of one change, field by field. Readable: the fields a person cares about by
 * their screen labels, values as the screens show them. Raw: every captured column as stored.
 */
export function ChangeDiff({ table, before, after, readable }: { table: string; before: Row; after: Row; readable: ValueContext | null }) {
  const { t } = useI18n();
  const show = (v: unknown) => (v === undefined ? '' : v === null ? '∅' : String(v));
  const data = readable
    ? fieldChanges(before, after).map((c) => ({
      field: fieldWords(c.column, readable.locale),
      key: c.column,
      before: before ? fieldValue(table, c.column, c.before, readable) : '',
      after: after ? fieldValue(table, c.column, c.after, readable) : '',
    }))
    : [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].map((field) => ({ field, key: field, before: show(before?.[field]), after: show(after?.[field]) }));
  return (
    <Table
      size="small" pagination={false} rowKey="key" dataSource={data} data-testid="audit-diff"
      rowClassName={(r) => (before && after && r.before !== r.after ? 'audit-changed' : '')}
      columns={[
        { title: readable ? t('audit.field') : '', dataIndex: 'field', width: 180 },
        { title: t('audit.before'), dataIndex: 'before' },
        { title: t('audit.after'), dataIndex: 'after', render: (v: string, r) => (before && after && r.before !== v ? <strong style={{ color: '#c2410c' }}>{v}</strong> : v) },
      ]}
    />
  );
}

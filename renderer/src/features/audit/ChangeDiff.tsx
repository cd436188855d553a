import { Table } from 'antd';
import { useI18n } from '../../i18n';

type Row = Record<string, unknown> | null;

/** Before/after of one change, field by field, changed fields highlighted. */
export function ChangeDiff({ before, after }: { before: Row; after: Row }) {
  const { t } = useI18n();
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const show = (v: unknown) => (v === undefined ? '' : v === null ? '∅' : String(v));
  return (
    <Table
      size="small" pagination={false} rowKey="field"
      dataSource={keys.map((field) => ({ field, before: show(before?.[field]), after: show(after?.[field]) }))}
      rowClassName={(r) => (before && after && r.before !== r.after ? 'audit-changed' : '')}
      columns={[
        { title: '', dataIndex: 'field', width: 180 },
        { title: t('audit.before'), dataIndex: 'before' },
        { title: t('audit.after'), dataIndex: 'after', render: (v: string, r) => (before && after && r.before !== v ? <strong style={{ color: '#c2410c' }}>{v}</strong> : v) },
      ]}
    />
  );
}

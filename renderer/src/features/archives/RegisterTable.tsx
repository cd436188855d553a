import { Table } from 'antd';
import type { OpOutput } from '../../../../db/api/types';
import { useDeskTime } from '../../time/deskTime';
import { useI18n, type Translate } from '../../i18n';

type Line = OpOutput<'archives.register'>[number];

const CONDITION_NOTE = /^(good|damaged|incomplete)(：|$)/;

/** A register line's note as a person reads it: a return's note starts with the condition code, said in words. */
export function registerNote(t: Translate, note: string): string {
  return note.replace(CONDITION_NOTE, (_, c: 'good' | 'damaged' | 'incomplete', sep: string) => `${t(`arch.cond.${c}`)}${sep}`);
}

/** Lines of the register (登记表), newest first; `withItem` adds the code and title columns. */
export function RegisterTable({ lines, withItem, loading }: { lines: Line[]; withItem?: boolean; loading?: boolean }) {
  const { t } = useI18n();
  const when = useDeskTime().format;
  const note = (n: string) => registerNote(t, n);
  return (
    <Table<Line>
      rowKey="id" size="small" dataSource={lines} loading={loading} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="register-table"
      columns={[
        { title: t('arch.reg.at'), dataIndex: 'at', width: 140, render: when },
        ...(withItem ? [{ title: t('arch.code'), dataIndex: 'ref_code', width: 110 }, { title: t('arch.title'), dataIndex: 'title' }] : []),
        { title: t('arch.reg.event'), dataIndex: 'event', width: 110, render: (e: Line['event']) => t(`arch.ev.${e}`) },
        { title: t('arch.reg.person'), dataIndex: 'person', width: 90 },
        { title: t('arch.reg.note'), dataIndex: 'note', render: note },
        { title: t('arch.reg.staff'), dataIndex: 'staff_name', width: 90 },
      ]}
    />
  );
}

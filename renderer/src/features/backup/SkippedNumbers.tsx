import { Card, Table } from 'antd';
import { call } from '../../api';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { siteTime } from '../../time/deskTime';

/**
 * 设置 → 备份: receipt numbers recorded as lost (their receipts lost by the store after a
 * crash, the paper accounted for by a supervisor), so every number of the sequence is
 * either a receipt or a line here. Shown only when there is one.
 */
export function SkippedNumbers() {
  const { t } = useI18n();
  const { data } = useLoad(() => call('backup.skippedNumbers', {}), []);
  if (!data?.length) return null;
  return (
    <Card title={t('backup.skipped')} size="small" data-testid="skipped-numbers">
      <Table size="small" rowKey="id" dataSource={data} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('backup.skipped.number'), dataIndex: 'number' },
          { title: t('backup.skipped.cause'), dataIndex: 'cause', render: () => t('backup.skipped.lost') },
          { title: t('backup.skipped.reason'), dataIndex: 'reason' },
          { title: t('backup.skipped.by'), dataIndex: 'doneBy' },
          { title: t('backup.col.at'), dataIndex: 'at', render: (v: string) => siteTime(v) },
        ]} />
    </Card>
  );
}

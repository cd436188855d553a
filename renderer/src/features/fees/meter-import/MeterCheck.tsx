import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Table, Tag, Typography } from 'antd';
import type { MeterValidateResult } from '../../../../../db/fees/meter-import/import';
import { useI18n } from '../../../i18n';
import { formatYuan, yuan } from '../shared';

type Line = MeterValidateResult['lines'][number];
const reading = (c: number) => formatYuan(c).replace(/,/g, '');

/**
 * What the check found, before anything is written: the counts, the jumps to confirm (ticked
 * one by one or all, with the table's header box), the readings that will be written with
 * their use and amount, the refused rows with their reasons, and the error report.
 */
export function MeterCheck({ result, confirmed, onConfirm, onReport }: {
  result: MeterValidateResult;
  confirmed: number[];
  onConfirm: (rows: number[]) => void;
  onReport: () => void;
}) {
  const { t, locale } = useI18n();
  const c = result.counts;
  const meter = (m: Line['meter']) => t(`fees.meter.${m}`);
  const columns = (withUsual: boolean) => [
    { title: t('import.check.row'), dataIndex: 'row', width: 64 },
    { title: t('fees.mi.col.room'), dataIndex: 'code' },
    { title: t('fees.mi.col.meter'), dataIndex: 'meter', render: meter },
    { title: t('fees.period'), dataIndex: 'period' },
    { title: t('fees.mi.col.previous'), dataIndex: 'previous', align: 'right' as const, render: (p: number, l: Line) => (l.baseline ? '—' : reading(p)) },
    { title: t('fees.mi.col.reading'), dataIndex: 'reading', align: 'right' as const, render: reading },
    { title: t('fees.mi.col.use'), dataIndex: 'use', align: 'right' as const, render: (u: number, l: Line) => (l.baseline ? <Tag color="blue">{t('fees.mi.baseline')}</Tag> : reading(u)) },
    ...(withUsual ? [{ title: t('fees.mi.col.usual'), dataIndex: 'usual', align: 'right' as const, render: (u: number | null) => (u ? reading(u) : '—') }] : []),
    { title: t('fees.mi.col.amount'), dataIndex: 'amount', align: 'right' as const, render: (a: number) => yuan(a) },
  ];
  const count = (key: keyof typeof c, color: string | undefined, label: string) => (
    <Typography.Text data-testid={`meters-count-${key}`}><Tag color={c[key] ? color : undefined}>{label}</Tag>{c[key]}</Typography.Text>
  );
  const writes = c.bill + c.baseline;
  // what the import will bill: the ordinary rows, and the unusual ones confirmed so far
  const billed = result.amount + result.jumps.filter((j) => confirmed.includes(j.row)).reduce((sum, j) => sum + j.amount, 0);

  return (
    <Flex vertical gap={12} data-testid="meters-check-result">
      <Flex gap={20} wrap>
        {count('bill', 'green', t('fees.mi.count.bill'))}
        {count('baseline', 'blue', t('fees.mi.count.baseline'))}
        {count('jump', 'orange', t('fees.mi.count.jump'))}
        {count('already', 'default', t('fees.mi.count.already'))}
        {count('blank', 'default', t('fees.mi.count.blank'))}
        {count('error', 'red', t('fees.mi.count.error'))}
      </Flex>
      <Typography.Text strong data-testid="meters-amount">{t('fees.mi.amount', { amount: yuan(billed) })}</Typography.Text>
      {c.already > 0 && <Alert type="info" showIcon message={t('fees.mi.already', { n: c.already })} data-testid="meters-already" />}
      {writes === 0 && c.jump === 0 && <Alert type="warning" showIcon message={t('fees.mi.nothing')} data-testid="meters-nothing" />}

      {result.jumps.length > 0 && (
        <>
          <Flex justify="space-between" align="center">
            <Typography.Text strong>{t('fees.mi.jumps', { n: result.jumps.length })}</Typography.Text>
            <Button size="small" onClick={() => onConfirm(confirmed.length === result.jumps.length ? [] : result.jumps.map((j) => j.row))} data-testid="meters-confirm-all">
              {t(confirmed.length === result.jumps.length ? 'fees.mi.confirmNone' : 'fees.mi.confirmAll', { n: result.jumps.length })}
            </Button>
          </Flex>
          <Table
            size="small"
            rowKey="row"
            dataSource={result.jumps}
            pagination={{ pageSize: 8, showSizeChanger: false, hideOnSinglePage: true }}
            rowSelection={{ selectedRowKeys: confirmed, onChange: (keys) => onConfirm(keys as number[]) }}
            columns={columns(true)}
            data-testid="meters-jumps"
          />
        </>
      )}

      {result.lines.length > 0 && (
        <>
          <Typography.Text strong>{t('fees.mi.lines', { shown: result.lines.length, total: writes })}</Typography.Text>
          <Table size="small" rowKey="row" dataSource={result.lines} pagination={{ pageSize: 6, showSizeChanger: false, hideOnSinglePage: true }} columns={columns(false)} data-testid="meters-lines" />
        </>
      )}

      {c.error > 0 && (
        <>
          <Flex justify="space-between" align="center">
            <Typography.Text strong>{t('import.check.errors', { shown: result.errors.length, total: c.error })}</Typography.Text>
            {result.errorFile && <Button icon={<DownloadOutlined />} onClick={onReport} data-testid="meters-download-errors">{t('import.check.download')}</Button>}
          </Flex>
          <Table
            size="small"
            rowKey="row"
            dataSource={result.errors}
            pagination={{ pageSize: 6, showSizeChanger: false, hideOnSinglePage: true }}
            data-testid="meters-errors"
            columns={[
              { title: t('import.check.row'), dataIndex: 'row', width: 64 },
              { title: t('import.check.reason'), dataIndex: 'reasons', render: (rs: MeterValidateResult['errors'][number]['reasons']) => rs.map((r) => r.message[locale]).join(locale === 'zh-CN' ? '；' : '; ') },
            ]}
          />
        </>
      )}
      {c.error === 0 && result.errorFile && (
        <div><Button icon={<DownloadOutlined />} onClick={onReport} data-testid="meters-download-errors">{t('import.check.download')}</Button></div>
      )}
      {writes + c.jump > 0 && <Typography.Text type="secondary">{t('fees.mi.applyNote')}</Typography.Text>}
    </Flex>
  );
}

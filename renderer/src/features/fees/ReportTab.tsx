import { App, Button, Card, DatePicker, Descriptions, Flex, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { Refused } from '../../app/Refused';
import { useLoad } from '../../app/useLoad';
import { EChart } from '../../charts/EChart';
import { useI18n } from '../../i18n';
import { downloadFile } from '../registry/import/transfer';
import { formatYuan, yuan } from './shared';

type Report = OpOutput<'fees.monthReport'>;
/** basis points → "33.96%" (display only) */
const pct = (bp: number) => `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;

/** Billed and paid per month as bars, the collection rate as a line. */
function Trend({ r }: { r: Report }) {
  const { t } = useI18n();
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { data: [t('fees.billedCol'), t('fees.paidCol'), t('fees.rate')] },
    xAxis: { type: 'category', data: r.trend.map((m) => m.period) },
    yAxis: [{ type: 'value', name: '¥' }, { type: 'value', name: '%', max: 100 }],
    series: [
      { name: t('fees.billedCol'), type: 'bar', data: r.trend.map((m) => m.billed / 100) },
      { name: t('fees.paidCol'), type: 'bar', data: r.trend.map((m) => m.paid / 100) },
      { name: t('fees.rate'), type: 'line', yAxisIndex: 1, data: r.trend.map((m) => m.rateBp / 100) },
    ],
  }), [r, t]);
  return <EChart option={option} height={300} testId="fees-chart" />;
}

/** The monthly collection report (收缴月报) with its chart and the .xlsx download. */
export function ReportTab() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const p = month.format('YYYY-MM');
  const report = useLoad(() => call('fees.monthReport', { period: p }), [p]);
  if (report.error) return <Refused error={report.error} />;
  const r = report.data;

  async function exportXlsx() {
    try {
      const f = await call('fees.monthExport', { period: p, locale });
      await downloadFile(f.fileId);
      void message.success(t('fees.exported', { name: f.name }));
    } catch (e) {
      showError(e);
    }
  }

  return (
    <Flex vertical gap={12}>
      <Flex gap={8}>
        <DatePicker picker="month" value={month} onChange={(v) => v && setMonth(v)} allowClear={false} />
        <Button onClick={() => void exportXlsx()} disabled={!r} data-testid="report-export">{t('fees.exportXlsx')}</Button>
      </Flex>
      {r && (
        <>
          <Card size="small" title={t('fees.reportTitle', { period: r.period })}>
            <Descriptions size="small" column={3} data-testid="report-summary" items={[
              { key: 'b', label: t('fees.billedCol'), children: yuan(r.billed) },
              { key: 'p', label: t('fees.paidCol'), children: yuan(r.paid) },
              { key: 'r', label: t('fees.rate'), children: <b>{pct(r.rateBp)}</b> },
              { key: 'c', label: t('fees.collectedInMonth'), children: yuan(r.collected.total) },
              { key: 'a', label: t('fees.collectedArrears'), children: yuan(r.collected.arrears) },
              { key: 'pp', label: t('fees.prepay'), children: yuan(r.collected.prepay) },
              { key: 'o', label: t('fees.arrearsCarried'), children: yuan(r.arrearsCarried) },
            ]} />
            <Table rowKey="code" size="small" pagination={false} dataSource={r.byItem} columns={[
              { title: t('fees.item'), dataIndex: 'name' },
              { title: t('fees.billedCol'), dataIndex: 'billed', align: 'right', render: (v: number) => formatYuan(v) },
              { title: t('fees.paidCol'), dataIndex: 'paid', align: 'right', render: (v: number) => formatYuan(v) },
              { title: t('fees.rate'), dataIndex: 'rateBp', align: 'right', render: (v: number) => pct(v) },
            ]} />
          </Card>
          <Card size="small" title={t('fees.trend')}><Trend r={r} /></Card>
        </>
      )}
    </Flex>
  );
}

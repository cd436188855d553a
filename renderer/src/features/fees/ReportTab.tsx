import { App, Button, Card, Descriptions, Flex, Table } from 'antd';
import { DatePicker } from '../../time/DatePicker';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { Refused } from '../../app/Refused';
import { useLoad } from '../../app/useLoad';
import { EChart } from '../../charts/EChart';
import { useI18n } from '../../i18n';
import { PrintPreview } from '../../print/PrintPreview';
import { downloadFile } from '../../shared/transfer';
import { ReportDoc, monthLines, pct, type MonthReport as Report } from './ReportDoc';
import { formatYuan, yuan } from './shared';

/** The twelve months ending at p (YYYY-MM), oldest first */
function twelveMonths(p: string): string[] {
  const end = Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
  return Array.from({ length: 12 }, (_, i) => { const m = end - 11 + i; return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`; });
}

/**
 * Billed and paid per month as bars, the collection rate as a line, over all twelve months
 * (a month with no bills is a gap, not a missing column); the rate's axis draws no grid of
 * its own, so the two axes' lines do not interleave.
 */
function Trend({ r }: { r: Report }) {
  const { t } = useI18n();
  const option = useMemo(() => {
    const months = twelveMonths(r.period);
    const at = (m: string) => r.trend.find((x) => x.period === m);
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: [t('fees.billedCol'), t('fees.paidCol'), t('fees.rate')], bottom: 0 },
      grid: { left: 64, right: 56, top: 36, bottom: 56 },
      xAxis: { type: 'category', data: months },
      yAxis: [{ type: 'value', name: '¥' }, { type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false } }],
      series: [
        { name: t('fees.billedCol'), type: 'bar', barMaxWidth: 28, data: months.map((m) => (at(m) ? at(m)!.billed / 100 : null)) },
        { name: t('fees.paidCol'), type: 'bar', barMaxWidth: 28, data: months.map((m) => (at(m) ? at(m)!.paid / 100 : null)) },
        { name: t('fees.rate'), type: 'line', yAxisIndex: 1, connectNulls: true, data: months.map((m) => (at(m) ? at(m)!.rateBp / 100 : null)) },
      ],
    };
  }, [r, t]);
  return <EChart option={option} height={300} testId="fees-chart" />;
}

/** The monthly collection report (收缴月报) with its chart and the .xlsx download. */
export function ReportTab() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  // No month picked means the desk's month, as the store's clock says (not the browser's)
  const [month, setMonth] = useState<Dayjs | null>(null);
  const [printing, setPrinting] = useState(false);
  const p = month?.format('YYYY-MM');
  const report = useLoad(() => call('fees.monthReport', { period: p }), [p]);
  if (report.error) return <Refused error={report.error} />;
  const r = report.data;

  async function exportXlsx() {
    if (!r) return;
    try {
      const f = await call('fees.monthExport', { period: r.period, locale });
      await downloadFile(f.fileId);
      void message.success(t('fees.exported', { name: f.name }));
    } catch (e) {
      showError(e);
    }
  }

  return (
    <Flex vertical gap={12}>
      <Flex gap={8}>
        <DatePicker picker="month" value={month ?? (r ? dayjs(`${r.period}-01`) : null)} onChange={(v) => v && setMonth(v)} allowClear={false} />
        <Button onClick={() => void exportXlsx()} disabled={!r} data-testid="report-export">{t('fees.exportXlsx')}</Button>
        <Button onClick={() => setPrinting(true)} disabled={!r} data-testid="report-print">{t('fees.printReport')}</Button>
      </Flex>
      {r && (
        <>
          <Card size="small" title={t('fees.reportTitle', { period: r.period })}>
            <Descriptions size="small" column={3} data-testid="report-summary" items={[
              { key: 'b', label: t('fees.billedCol'), children: yuan(r.billed) },
              { key: 'p', label: t('fees.paidCol'), children: yuan(r.paid) },
              { key: 'r', label: t('fees.rate'), children: <b>{pct(r.rateBp)}</b> },
              ...monthLines(r, t).income.map((l) => ({ key: l.key, label: l.label, children: l.value })),
            ]} />
            <Table rowKey="code" size="small" pagination={false} dataSource={r.byItem} columns={[
              { title: t('fees.item'), dataIndex: 'name' },
              { title: t('fees.billedCol'), dataIndex: 'billed', align: 'right', render: (v: number) => formatYuan(v) },
              { title: t('fees.paidCol'), dataIndex: 'paid', align: 'right', render: (v: number) => formatYuan(v) },
              { title: t('fees.rate'), dataIndex: 'rateBp', align: 'right', render: (v: number) => pct(v) },
            ]} />
          </Card>
          <Card size="small" title={t('fees.depositsCard')}>
            <Descriptions size="small" column={3} data-testid="report-deposits"
              items={monthLines(r, t).deposits.map((l) => ({ key: l.key, label: l.label, children: l.value }))} />
          </Card>
          <Card size="small" title={t('fees.trend')}><Trend r={r} /></Card>
        </>
      )}
      {printing && r && (
        <PrintPreview open onClose={() => setPrinting(false)} title={t('fees.reportTitle', { period: r.period })} paper="A4" fileName={`${t('fees.reportTitle', { period: r.period })}.pdf`}>
          <ReportDoc r={r} />
        </PrintPreview>
      )}
    </Flex>
  );
}

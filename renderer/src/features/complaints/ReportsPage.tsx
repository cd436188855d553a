import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Segmented, Statistic, Table } from 'antd';
import { DatePicker } from '../../time/DatePicker';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { Refused } from '../../app/Refused';
import { useShowError } from '../../app/errors';
import { PrintPreview } from '../../print/PrintPreview';
import { ReportDoc } from './ReportDoc';
import { useLoad } from '../../app/useLoad';
import { downloadFile } from '../../shared/transfer';
import { useI18n, type MessageKey } from '../../i18n';
import { Chart } from './Chart';
import { pickerValue, siteTime, useDeskToday } from '../../time/deskTime';
import { categoryName } from './labels';

type Period = 'day' | 'week' | 'month';
type Stats = OpOutput<'complaints.stats'>;

/** The period containing a date: that day, its Monday-to-Sunday week, or its month. */
function bounds(period: Period, d: Dayjs): [string, string] {
  if (period === 'day') return [d.format('YYYY-MM-DD'), d.format('YYYY-MM-DD')];
  if (period === 'week') {
    const monday = d.subtract((d.day() + 6) % 7, 'day');
    return [monday.format('YYYY-MM-DD'), monday.add(6, 'day').format('YYYY-MM-DD')];
  }
  return [d.startOf('month').format('YYYY-MM-DD'), d.endOf('month').format('YYYY-MM-DD')];
}

/** Every date of the period, so days with no case show as 0 rather than vanishing from the line. */
function everyDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = dayjs(from); !d.isAfter(dayjs(to)) && out.length < 370; d = d.add(1, 'day')) out.push(d.format('YYYY-MM-DD'));
  return out;
}

/**
 * The supervisor's daily summary, the weekly report to the manager and the monthly
 * statistics: one screen, three periods, counted by the store.
 */
export function ReportsPage({ initialDate }: { initialDate?: string }) {
  const { t, locale } = useI18n();
  const [period, setPeriod] = useState<Period>('month');
  const [date, setDate] = useState<Dayjs>(() => dayjs(initialDate));
  const today = useDeskToday();
  // without a date in the link, the report opens on the desk's day, not the browser's
  useEffect(() => {
    if (today && !initialDate) setDate(pickerValue(today.day));
  }, [today, initialDate]);
  const [from, to] = bounds(period, date);
  const stats = useLoad(() => call('complaints.stats', { from, to }), [from, to]);
  const showError = useShowError();
  const [exporting, setExporting] = useState(false);
  const [printedAt, setPrintedAt] = useState<string | null>(null);
  const openPrint = async () => {
    try {
      setPrintedAt(siteTime((await call('time.today')).now));
    } catch (e) {
      showError(e);
    }
  };
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFile((await call('complaints.exportStats', { from, to, locale })).fileId);
    } catch (e) {
      showError(e);
    } finally {
      setExporting(false);
    }
  };

  const name = useMemo(() => ({
    kind: (k: string) => t(`cmp.kind.${k}` as MessageKey),
    category: (k: string) => categoryName(stats.data?.categories, k, locale),
    severity: (k: string) => t(`cmp.severity.${k}` as MessageKey),
    channel: (k: string) => t(`cmp.channel.${k}` as MessageKey),
    department: (k: string) => t(`cmp.dept.${k}` as MessageKey),
  }), [t, locale, stats.data]);

  if (stats.error) return <Refused error={stats.error} />;
  const s: Stats | null = stats.data;
  const groups = [['byKind', 'kind'], ['byCategory', 'category'], ['bySeverity', 'severity'], ['byChannel', 'channel'], ['byDepartment', 'department']] as const;
  const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);

  return (
    <Flex vertical gap={12} data-testid="report">
      <Flex gap={8} align="center">
        <Segmented<Period> value={period} onChange={setPeriod} options={(['day', 'week', 'month'] as const).map((p) => ({ value: p, label: t(`cmp.r.${p}`) }))} data-testid="report-period" />
        <DatePicker value={date} onChange={(d) => d && setDate(d)} picker={period === 'month' ? 'month' : period === 'week' ? 'week' : 'date'} allowClear={false} />
        <span data-testid="report-range">{from} – {to}</span>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="report-export">{t('cmp.r.export')}</Button>
        <Button icon={<PrinterOutlined />} disabled={!s} onClick={() => void openPrint()} data-testid="report-print">{t('cmp.r.print')}</Button>
      </Flex>
      <Row gutter={12}>
        <Col span={3}><Card size="small"><Statistic title={t('cmp.r.total')} value={s?.total ?? '–'} data-testid="r-total" /></Card></Col>
        <Col span={3}><Card size="small"><Statistic title={t('cmp.r.open')} value={s?.open ?? '–'} /></Card></Col>
        <Col span={3}><Card size="small"><Statistic title={t('cmp.r.closed')} value={s?.closed ?? '–'} data-testid="r-closed" /></Card></Col>
        <Col span={3}><Card size="small"><Statistic title={t('cmp.r.onTimeRate')} value={s ? pct(s.onTimeRate) : '–'} data-testid="r-ontime" /></Card></Col>
        <Col span={3}><Card size="small"><Statistic title={t('cmp.r.avgClose')} value={s?.avgCloseMinutes == null ? '–' : t('cmp.r.hours', { n: (s.avgCloseMinutes / 60).toFixed(1) })} /></Card></Col>
        <Col span={3}><Card size="small"><Statistic title={t('cmp.r.satisfaction')} value={s?.satisfaction ?? '–'} data-testid="r-satisfaction" /></Card></Col>
        <Col span={3}><Card size="small"><Statistic title={t('cmp.r.reopened')} value={s?.reopenedCases ?? '–'} /></Card></Col>
        <Col span={3}><Card size="small"><Statistic title={t('cmp.r.invalid')} value={s?.invalid ?? '–'} /></Card></Col>
      </Row>
      <Card size="small" title={t('cmp.r.perDay')}>
        <Chart kind={period === 'day' ? 'bar' : 'line'} height={180} data={everyDay(from, to).map((day) => ({ name: day.slice(5), value: s?.perDay.find((d) => d.day === day)?.n ?? 0 }))} testId="chart-per-day" />
      </Card>
      <Row gutter={[12, 12]}>
        {groups.map(([key, kind]) => (
          <Col span={12} key={key}>
            <Card size="small" title={t(`cmp.r.${key}`)} data-testid={`r-${key}`}>
              <Chart data={(s?.[key] ?? []).map((g) => ({ name: name[kind](g.key), value: g.n }))} height={160} />
              <Table size="small" pagination={false} rowKey="key" dataSource={s?.[key] ?? []}
                columns={[{ title: t(`cmp.r.${key}`), dataIndex: 'key', render: (k: string) => name[kind](k) }, { title: t('cmp.r.count'), dataIndex: 'n', width: 80, align: 'right' }]} />
            </Card>
          </Col>
        ))}
      </Row>
      {s && printedAt && (
        <PrintPreview open onClose={() => setPrintedAt(null)} paper="A4" title={`${t('cmp.r.printTitle')} · ${t(`cmp.r.period.${period}`)}`}
          fileName={`${t('cmp.r.printTitle')}-${from}-${to}.pdf`}>
          <ReportDoc s={s} period={period} printedAt={printedAt} groups={groups.map(([key, kind]) => ({ key, name: name[kind] }))} />
        </PrintPreview>
      )}
    </Flex>
  );
}

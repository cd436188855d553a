import { Alert, App, Button, Card, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { DatePicker } from '../../time/DatePicker';
import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../i18n';
import { pickerValue, useDeskToday } from '../../time/deskTime';

type Range = OpOutput<'complaints.calendar'>['ranges'][number];

/**
 * The site's holiday calendar, a year at a time, as date ranges: the national holidays and
 * make-up working days preloaded, which the site may change, add to or remove. Saved whole;
 * the store refuses overlapping, backwards or other-year ranges and keeps the year as it was.
 */
export function CalendarCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const today = useDeskToday();
  const [year, setYear] = useState<number | null>(null);
  const [ranges, setRanges] = useState<Range[]>([]);
  const [published, setPublished] = useState(true);

  useEffect(() => {
    if (today && year === null) setYear(today.year);
  }, [today, year]);
  useEffect(() => {
    if (year === null) return;
    call('complaints.calendar', { year }).then((c) => { setRanges(c.ranges); setPublished(c.nationalPublished); }, showError);
  }, [year, showError]);

  const edit = (i: number, patch: Partial<Range>) => setRanges((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  async function save() {
    if (year === null) return;
    try {
      setRanges(await call('complaints.saveCalendar', { year, ranges: ranges.map(({ source: _s, ...r }) => r) }));
      void message.success(t('common.saved'));
    } catch (e) {
      showError(e);
    }
  }
  async function loadNational() {
    try {
      const { years } = await call('complaints.loadNationalCalendar', {});
      void message.success(t('cmp.cal.loaded', { years: years.join('、') }));
      if (year !== null) setRanges((await call('complaints.calendar', { year })).ranges);
    } catch (e) {
      showError(e);
    }
  }

  const years = today ? [today.year - 1, today.year, today.year + 1] : [];
  return (
    <Card size="small" title={t('cmp.cal.title')} data-testid="calendar-card" extra={
      <Space>
        <Select size="small" value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: String(y) }))} data-testid="calendar-year" />
        <Button size="small" onClick={() => void loadNational()}>{t('cmp.cal.load')}</Button>
      </Space>
    }>
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('cmp.cal.help')}</Typography.Text>
        {!published && year !== null && <Alert type="info" showIcon title={t('cmp.cal.notPublished', { year })} data-testid="calendar-unpublished" />}
        <Table<Range & { i: number }> size="small" pagination={false} rowKey="i" dataSource={ranges.map((r, i) => ({ ...r, i }))} scroll={{ y: 320 }} columns={[
          { title: t('cmp.cal.from'), width: 130, render: (_, r) => <DatePicker size="small" allowClear={false} value={pickerValue(r.from)} onChange={(d) => d && edit(r.i, { from: d.format('YYYY-MM-DD') })} /> },
          { title: t('cmp.cal.to'), width: 130, render: (_, r) => <DatePicker size="small" allowClear={false} value={pickerValue(r.to)} onChange={(d) => d && edit(r.i, { to: d.format('YYYY-MM-DD') })} /> },
          {
            title: t('cmp.cal.kind'), width: 120, render: (_, r) => (
              <Select size="small" value={r.kind} onChange={(kind) => edit(r.i, { kind })} style={{ width: 110 }}
                options={(['holiday', 'workday'] as const).map((k) => ({ value: k, label: t(`cmp.cal.kind.${k}`) }))} />
            ),
          },
          { title: t('cmp.cal.name'), render: (_, r) => <Input size="small" value={r.nameZh} maxLength={30} onChange={(e) => edit(r.i, { nameZh: e.target.value })} /> },
          { title: t('cmp.cal.source'), width: 80, render: (_, r) => <Tag color={r.source === 'national' ? 'red' : 'blue'}>{t(`cmp.cal.source.${r.source}`)}</Tag> },
          { width: 60, render: (_, r) => <Button size="small" type="link" danger onClick={() => setRanges((rs) => rs.filter((_x, k) => k !== r.i))}>{t('cmp.cal.remove')}</Button> },
        ]} />
        <Space>
          <Button size="small" data-testid="calendar-add" onClick={() => year !== null && setRanges((rs) => [...rs, { from: `${year}-01-01`, to: `${year}-01-01`, kind: 'holiday', nameZh: '', nameEn: '', source: 'site' }])}>
            {t('cmp.cal.add')}
          </Button>
          <Button size="small" type="primary" onClick={() => void save()} data-testid="calendar-save">{t('cmp.cal.save')}</Button>
        </Space>
      </Flex>
    </Card>
  );
}

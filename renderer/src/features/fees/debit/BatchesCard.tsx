import { App, Button, Card, Flex, Space, Table, Tag, Typography } from 'antd';
import { DatePicker } from '../../../time/DatePicker';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../../../db/api/types';
import type { DebitSheetResult } from '../../../../../db/fees/debit/sheet';
import { call } from '../../../api';
import { useShowError } from '../../../app/errors';
import { useLoad } from '../../../app/useLoad';
import { useSession } from '../../../app/session';
import { useI18n } from '../../../i18n';
import { downloadFile, followJob } from '../../../shared/transfer';
import { pickerValue, siteTime, useDeskToday } from '../../../time/deskTime';
import { ReceiptPreview } from '../ReceiptPreview';
import { yuan } from '../shared';
import { ResultsImport } from './ResultsImport';

type Batch = OpOutput<'fees.debit.batches'>[number];
type Line = OpOutput<'fees.debit.batch'>['lines'][number];

/** A batch's lines as the desk sees them: accounts masked, each with its result and its receipt (opened in the print preview). */
function BatchLines({ id }: { id: string }) {
  const { t } = useI18n();
  const b = useLoad(() => call('fees.debit.batch', { id }), [id]);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
    {open && <ReceiptPreview id={open} paper="A5" onClose={() => setOpen(null)} />}
    <Table<Line> rowKey="id" size="small" pagination={false} loading={b.loading} dataSource={b.data?.lines ?? []} data-testid="debit-batch-lines"
      columns={[
        { title: t('fees.debit.reference'), dataIndex: 'reference' },
        { title: t('fees.room'), dataIndex: 'room' },
        { title: t('fees.debit.holder'), dataIndex: 'holder' },
        { title: t('fees.debit.account'), dataIndex: 'account' },
        { title: t('fees.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
        { title: t('fees.debit.result'), key: 'o', render: (_, l) => (l.outcome
          ? <Tag color={l.outcome === 'success' ? 'green' : 'orange'}>{t(`fees.debit.outcome.${l.outcome}`)}{l.reason ? `：${l.reason}` : ''}</Tag>
          : <Tag>{t('fees.debit.waiting')}</Tag>),
        },
        { title: t('fees.debit.receipt'), key: 'r', render: (_, l) => l.receiptId &&
          <a onClick={() => setOpen(l.receiptId)} data-testid="debit-line-receipt">{l.receipt}</a> },
      ]} />
    </>
  );
}

/** The month's batches: make one for a month, export it for the bank, import the bank's results. */
export function BatchesCard() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { can } = useSession();
  const today = useDeskToday();
  const [month, setMonth] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [importing, setImporting] = useState<Batch | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const batches = useLoad(() => call('fees.debit.batches', {}), []);
  useEffect(() => { if (today && !month) setMonth(pickerValue(today.month)); }, [today, month]);

  async function create() {
    if (!month) return;
    setBusy('create');
    try {
      const b = await call('fees.debit.createBatch', { period: month.format('YYYY-MM') });
      void message.success(t('fees.debit.created', { number: b.number, lines: b.lines, total: yuan(b.total) }));
      await batches.reload();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  }
  async function exportSheet(b: Batch) {
    setBusy(b.id);
    try {
      const { jobId } = await call('fees.debit.export', { batchId: b.id, locale });
      const last = await followJob(jobId, () => undefined);
      if (last.state !== 'done') throw Object.assign(new Error(last.error?.message[locale] ?? t('common.error')));
      const r = last.result as DebitSheetResult;
      await downloadFile(r.fileId);
      void message.success(t('fees.debit.exported', { name: r.name, rows: r.rows }));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card size="small" title={t('fees.debit.batches')} data-testid="debit-batches">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('fees.debit.batchHelp')}</Typography.Text>
        {can('fees.collect') && (
          <Space>
            <DatePicker picker="month" value={month} onChange={setMonth} allowClear={false} data-testid="debit-batch-month" />
            <Button type="primary" onClick={() => void create()} loading={busy === 'create'} data-testid="debit-batch-create">{t('fees.debit.create')}</Button>
          </Space>
        )}
        <Table<Batch> rowKey="id" size="small" dataSource={batches.data ?? []} loading={batches.loading} pagination={{ pageSize: 12, hideOnSinglePage: true }}
          expandable={{ expandedRowRender: (b) => <BatchLines key={`${b.id}-${reloadKey}`} id={b.id} /> }} data-testid="debit-batches-table"
          columns={[
            { title: t('fees.debit.batchNo'), dataIndex: 'number', onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
            { title: t('fees.period'), dataIndex: 'period', onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
            { title: t('fees.debit.lines'), dataIndex: 'lines', align: 'right' },
            { title: t('fees.debit.total'), dataIndex: 'total', align: 'right', render: (v: number) => yuan(v) },
            { title: t('fees.debit.progress'), key: 'p', render: (_, b) => t('fees.debit.progressText', {
               ok: b.succeeded, failed: b.failed, waiting: b.lines - b.succeeded - b.failed,
            }),
            },
            { title: t('fees.debit.collected'), dataIndex: 'collected', align: 'right', render: (v: number) => yuan(v) },
            { title: t('fees.debit.createdAt'), dataIndex: 'createdAt', render: (v: string, b) => `${siteTime(v)} · ${b.createdBy}` },
            {
              title: t('common.actions'), key: 'a', render: (_, b) => can('fees.collect') && (
                <Space>
                  <Button size="small" onClick={() => void exportSheet(b)} loading={busy === b.id} data-testid="debit-export">{t('fees.debit.export')}</Button>
                  <Button size="small" onClick={() => setImporting(b)} data-testid="debit-import-open">{t('fees.debit.import')}</Button>
                </Space>
              ),
            },
          ]} />
      </Flex>
      <ResultsImport batch={importing} onClose={(changed) => {
        setImporting(null);
        if (changed) {
          void batches.reload();
          setReloadKey((k) => k + 1);
        }
      }} />
    </Card>
  );
}

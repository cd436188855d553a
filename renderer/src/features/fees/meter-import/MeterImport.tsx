import { Alert, App, Button, DatePicker, Descriptions, Flex, Form, InputNumber, Modal, Result, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { OpOutput } from '../../../../../db/api/types';
import type { MeterApplyResult, MeterValidateResult } from '../../../../../db/fees/meter-import/import';
import { call } from '../../../api';
import { errorText } from '../../../app/errors';
import { useI18n } from '../../../i18n';
import { discardFile, downloadFile, uploadFile } from '../../../shared/transfer';
import { useJobRun } from '../../../shared/useJobRun';
import { FileDrop, JobProgress, type UploadState } from '../../../shared/WizardParts';
import { yuan } from '../shared';
import { MeterCheck } from './MeterCheck';

type Inspect = OpOutput<'fees.meters.inspect'>;
type Field = Inspect['fields'][number]['key'];
type Mapping = Partial<Record<Field, number>>;
type Meter = 'water' | 'electricity' | 'gas';
type Step = 'file' | 'map' | 'check' | 'import';
const STEPS: Step[] = ['file', 'map', 'check', 'import'];

/**
 * The meter readings' import, in the registry import's steps: choose the reader's sheet
 * (uploaded in chunks) → check the column mapping and the period, date and meter for rows
 * that do not say → check every row (nothing written; the preview with use and amount, the
 * jumps to confirm, the errors and their report) → import the chosen readings in one
 * transaction (progress, cancel: all land or none).
 */
export function MeterImport({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [step, setStep] = useState<Step>('file');
  const [upload, setUpload] = useState<UploadState | null>(null);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [inspect, setInspect] = useState<Inspect | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [period, setPeriod] = useState<string>('');
  const [readOn, setReadOn] = useState<string>('');
  const [meter, setMeter] = useState<Meter | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [checked, setChecked] = useState<MeterValidateResult | null>(null);
  const [confirmed, setConfirmed] = useState<number[]>([]);
  const [applied, setApplied] = useState<MeterApplyResult | null>(null);
  const files = useRef<string[]>([]);
  const { error, setError, job, setJob, cancelled, setCancelled, fail, runJob } = useJobRun();
  const label = (f: { zh: string; en: string }) => (locale === 'zh-CN' ? f.zh : f.en);

  function reset() {
    setStep('file');
    setUpload(null);
    setUploadId(null);
    setInspect(null);
    setMapping({});
    setError(null);
    setJob(null);
    setChecked(null);
    setConfirmed([]);
    setApplied(null);
    setCancelled(false);
  }

  useEffect(() => {
    if (open) return;
    for (const id of files.current.splice(0)) discardFile(id);
    reset();
  }, [open]);

  function took(ins: Inspect) {
    setInspect(ins);
    setMapping(ins.suggestion);
    setPeriod(ins.periods[0] ?? ins.thisPeriod);
    setReadOn(ins.today);
    setMeter(undefined);
  }

  async function choose(file: File) {
    reset();
    setBusy(true);
    setUpload({ name: file.name, sent: 0, total: file.size });
    try {
      const id = await uploadFile(file, (sent, total) => setUpload({ name: file.name, sent, total }));
      files.current.push(id);
      setUploadId(id);
      took(await call('fees.meters.inspect', { uploadId: id }));
      setStep('map');
    } catch (e) {
      setUpload(null);
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  async function reinspect(sheet: string, headerRow?: number) {
    if (!uploadId) return;
    setBusy(true);
    setError(null);
    try {
      took(await call('fees.meters.inspect', { uploadId, sheet, headerRow }));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  const request = () => ({ uploadId: uploadId!, sheet: inspect!.sheet, headerRow: inspect!.headerRow, mapping, period: period || undefined, readOn: readOn || undefined, meter });

  async function check() {
    setStep('check');
    setChecked(null);
    const s = await runJob(() => call('fees.meters.validate', { ...request(), locale }));
    if (s) {
      const v = s.result as MeterValidateResult;
      if (v.errorFile) files.current.push(v.errorFile.fileId);
      setChecked(v);
      setConfirmed([]);
    }
  }

  async function apply() {
    setStep('import');
    setApplied(null);
    const s = await runJob(() => call('fees.meters.apply', { ...request(), confirm: { all: false, rows: confirmed }, expected: toWrite }));
    if (s) setApplied(s.result as MeterApplyResult);
  }

  async function saveReport() {
    if (!checked?.errorFile) return;
    try {
      await downloadFile(checked.errorFile.fileId);
    } catch (e) {
      void message.error(errorText(e, locale, t('common.error')));
    }
  }

  const running = busy || job !== null;
  const columnOptions = useMemo(() => (inspect?.columns ?? []).map((c) => ({ value: c.index, label: `${c.letter} · ${c.header || t('import.map.noHeader')}` })), [inspect, t]);
  const toWrite = checked ? checked.counts.bill + checked.counts.baseline + confirmed.length : 0;

  let body: ReactNode = null;
  if (step === 'file') {
    body = <FileDrop testId="meters" hint={t('fees.mi.fileHint')} disabled={running} upload={upload} failed={!!error} onFile={(f) => void choose(f)} />;
  } else if (step === 'map' && inspect) {
    body = (
      <Flex vertical gap={12}>
        <Descriptions size="small" column={3} items={[
          { key: 'f', label: t('import.map.file'), children: inspect.file.name },
          { key: 's', label: t('import.map.sheet'), children: inspect.sheets.length > 1
            ? <Select size="small" style={{ minWidth: 160 }} value={inspect.sheet} disabled={running} onChange={(s) => void reinspect(s)} options={inspect.sheets.map((s) => ({ value: s.name, label: `${s.name} (${s.rows})` }))} />
            : inspect.sheet },
          { key: 'h', label: t('import.map.headerRow'), children: <InputNumber size="small" min={1} max={1000} value={inspect.headerRow} disabled={running}
            onChange={(v) => typeof v === 'number' && v !== inspect.headerRow && void reinspect(inspect.sheet, v)} /> },
        ]} />
        {inspect.recognised === 0
          ? <Alert type="warning" showIcon message={t('import.map.nothing')} />
          : <Typography.Text type="secondary">{t('fees.mi.intro', { n: inspect.recognised })}</Typography.Text>}
        <div className="import-mapping" data-testid="meters-mapping" style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: '8px 16px' }}>
          {inspect.fields.map((f) => (
            <Flex key={f.key} align="center" gap={8}>
              <span style={{ minWidth: 64 }}>{label(f)}</span>
              <Select<number> size="small" allowClear placeholder={t('import.map.none')} style={{ flex: 1, minWidth: 0 }} value={mapping[f.key]} options={columnOptions}
                onChange={(v) => setMapping((m) => { const next = { ...m }; if (v === undefined || v === null) delete next[f.key]; else next[f.key] = v; return next; })}
                data-testid={`meters-map-${f.key}`} />
            </Flex>
          ))}
        </div>
        <Typography.Text strong>{t('fees.mi.defaults')}</Typography.Text>
        <Form layout="inline" name="meterDefaults" component="div">
          <Form.Item label={t('fees.mi.period')} help={inspect.periods.length ? t('fees.mi.periodsInFile', { periods: inspect.periods.join(locale === 'zh-CN' ? '、' : ', ') }) : t('fees.mi.periodHelp')}>
            <DatePicker picker="month" allowClear={false} value={period ? dayjs(`${period}-01`) : null} onChange={(d) => setPeriod(d ? d.format('YYYY-MM') : '')} data-testid="meters-period" />
          </Form.Item>
          <Form.Item label={t('fees.mi.readOn')} help={t('fees.mi.readOnHelp')}>
            <DatePicker allowClear={false} value={readOn ? dayjs(readOn) : null} onChange={(d) => setReadOn(d ? d.format('YYYY-MM-DD') : '')} disabledDate={(d) => d.isAfter(dayjs(inspect.today), 'day')} />
          </Form.Item>
          <Form.Item label={t('fees.mi.meter')} help={t('fees.mi.meterHelp')}>
            <Select<Meter | ''> style={{ width: 120 }} value={meter ?? ''} onChange={(v) => setMeter(v || undefined)}
              options={[{ value: '', label: t('fees.mi.byFile') }, ...(['water', 'electricity', 'gas'] as const).map((m) => ({ value: m, label: t(`fees.meter.${m}`) }))]} />
          </Form.Item>
        </Form>
        <Typography.Text strong>{t('import.map.preview', { n: inspect.preview.length, total: inspect.dataRows })}</Typography.Text>
        <Table size="small" rowKey="row" pagination={false} scroll={{ x: 'max-content' }} dataSource={inspect.preview} data-testid="meters-preview"
          columns={[
            { title: t('import.map.rowNo'), dataIndex: 'row', width: 60 },
            ...inspect.columns.map((c) => {
              const field = inspect.fields.find((f) => mapping[f.key] === c.index);
              return {
                key: c.letter,
                title: (<Flex vertical gap={2}><span>{c.letter} · {c.header}</span>{field ? <Tag color="blue" style={{ marginInlineEnd: 0 }}>{label(field)}</Tag> : <Tag style={{ marginInlineEnd: 0 }}>{t('import.map.none')}</Tag>}</Flex>),
                render: (_: unknown, r: Inspect['preview'][number]) => <span style={{ whiteSpace: 'nowrap' }}>{r.cells[c.index - 1]}</span>,
              };
            }),
          ]} />
      </Flex>
    );
  } else if (step === 'check') {
    body = job ? <JobProgress testId="meters" job={job} /> : checked ? <MeterCheck result={checked} confirmed={confirmed} onConfirm={setConfirmed} onReport={() => void saveReport()} /> : null;
  } else if (step === 'import') {
    body = job ? <JobProgress testId="meters" job={job} /> : applied ? (
      <Result status="success" title={t('import.done.title')} data-testid="meters-done"
        subTitle={t('fees.mi.done', { readings: applied.readings, bills: applied.bills, amount: yuan(applied.amount), baselines: applied.baselines, confirmed: applied.confirmed })} />
    ) : null;
  }

  const footer = (() => {
    if (running) return null;
    if (step === 'map') return (
      <Space>
        <Button onClick={reset}>{t('import.another')}</Button>
        <Button type="primary" onClick={() => void check()} data-testid="meters-check">{t('import.check.run')}</Button>
      </Space>
    );
    if (step === 'check') return (
      <Space>
        <Button onClick={() => { setStep('map'); setError(null); setCancelled(false); }}>{t('import.back')}</Button>
        {checked && <Button type="primary" disabled={toWrite === 0} onClick={() => void apply()} data-testid="meters-apply">{t('fees.mi.apply', { n: toWrite })}</Button>}
      </Space>
    );
    if (step === 'import' && applied) return <Button type="primary" onClick={onClose} data-testid="meters-finish">{t('import.finish')}</Button>;
    if (step === 'import') return <Button onClick={() => { setStep('check'); setError(null); setCancelled(false); }}>{t('import.back')}</Button>;
    return <Button onClick={onClose}>{t('import.close')}</Button>;
  })();

  return (
    <Modal open={open} title={t('fees.mi.title')} width={1040} onCancel={() => !running && onClose()} closable={!running} maskClosable={false} keyboard={!running} footer={footer} destroyOnHidden>
      <Flex vertical gap={16} data-testid="meters-wizard">
        <Steps size="small" current={STEPS.indexOf(step)} items={STEPS.map((s) => ({ title: t(`import.step.${s}`) }))} />
        {error && <Alert type="error" showIcon message={error} data-testid="meters-error" />}
        {cancelled && <Alert type="info" showIcon message={t('import.cancelled')} data-testid="meters-cancelled" />}
        {body}
      </Flex>
    </Modal>
  );
}

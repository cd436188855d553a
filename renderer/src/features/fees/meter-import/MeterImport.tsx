import { Alert, Button, Flex, Form, Result, Select, Space, Typography } from 'antd';
import { DatePicker } from '../../../time/DatePicker';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import type { OpOutput } from '../../../../../db/api/types';
import type { MeterApplyResult, MeterValidateResult } from '../../../../../db/fees/meter-import/import';
import { call } from '../../../api';
import { useI18n } from '../../../i18n';
import { ColumnMapping, MappingPreview, SheetChoice, WizardFrame } from '../../../shared/ImportSteps';
import { useImportWizard } from '../../../shared/useImportWizard';
import { FileDrop, JobProgress } from '../../../shared/WizardParts';
import { yuan } from '../shared';
import { MeterCheck } from './MeterCheck';

type Inspect = OpOutput<'fees.meters.inspect'>;
type Meter = 'water' | 'electricity' | 'gas';

/**
 * The meter readings' import, in the registry import's steps: choose the reader's sheet
 * (uploaded in chunks) → check the column mapping and the period, date and meter for rows
 * that do not say → check every row (nothing written; the preview with use and amount, the
 * jumps to confirm, the errors and their report) → import the chosen readings in one
 * transaction (progress, cancel: all land or none).
 */
export function MeterImport({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const [period, setPeriod] = useState<string>('');
  const [readOn, setReadOn] = useState<string>('');
  const [meter, setMeter] = useState<Meter | undefined>(undefined);
  const [checked, setChecked] = useState<MeterValidateResult | null>(null);
  const [confirmed, setConfirmed] = useState<number[]>([]);
  const [applied, setApplied] = useState<MeterApplyResult | null>(null);
  const w = useImportWizard<Inspect>({
    open,
    inspect: (args) => call('fees.meters.inspect', args),
    onInspected: (ins) => {
      setPeriod(ins.periods[0] ?? ins.thisPeriod);
      setReadOn(ins.today);
      setMeter(undefined);
    },
    onReset: () => { setChecked(null); setConfirmed([]); setApplied(null); },
  });
  const { step, inspected: inspect, error, job, cancelled, running } = w;

  const request = () => ({ ...w.sheetRequest(), period: period || undefined, readOn: readOn || undefined, meter });

  async function check() {
    w.setStep('check');
    setChecked(null);
    const s = await w.runJob(() => call('fees.meters.validate', { ...request(), locale }));
    if (s) {
      const v = s.result as MeterValidateResult;
      if (v.errorFile) w.keep(v.errorFile.fileId);
      setChecked(v);
      setConfirmed([]);
    }
  }

  async function apply() {
    w.setStep('import');
    setApplied(null);
    const s = await w.runJob(() => call('fees.meters.apply', { ...request(), confirm: { all: false, rows: confirmed }, expected: toWrite }));
    if (s) setApplied(s.result as MeterApplyResult);
  }

  const toWrite = checked ? checked.counts.bill + checked.counts.baseline + confirmed.length : 0;

  let body: ReactNode = null;
  if (step === 'file') {
    body = <FileDrop testId="meters" hint={t('fees.mi.fileHint')} disabled={running} upload={w.upload} failed={!!error} onFile={(f) => void w.choose(f)} />;
  } else if (step === 'map' && inspect) {
    body = (
      <Flex vertical gap={12}>
        <SheetChoice testId="meters" inspected={inspect} running={running} onSheet={(sheet, row) => void w.reinspect(sheet, row)} />
        {inspect.recognised === 0
          ? <Alert type="warning" showIcon message={t('import.map.nothing')} />
          : <Typography.Text type="secondary">{t('fees.mi.intro', { n: inspect.recognised })}</Typography.Text>}
        <ColumnMapping testId="meters" selectTestId={(k) => `meters-map-${k}`} inspected={inspect} mapping={w.mapping} onChange={w.setMapping} perRow={4} />
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
        <MappingPreview testId="meters" inspected={inspect} mapping={w.mapping} />
      </Flex>
    );
  } else if (step === 'check') {
    body = job ? <JobProgress testId="meters" job={job} /> : checked ? <MeterCheck result={checked} confirmed={confirmed} onConfirm={setConfirmed} onReport={() => void w.saveReport(checked.errorFile?.fileId)} /> : null;
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
        <Button onClick={w.reset}>{t('import.another')}</Button>
        <Button type="primary" onClick={() => void check()} data-testid="meters-check">{t('import.check.run')}</Button>
      </Space>
    );
    if (step === 'check') return (
      <Space>
        <Button onClick={() => w.back('map')}>{t('import.back')}</Button>
        {checked && <Button type="primary" disabled={toWrite === 0} onClick={() => void apply()} data-testid="meters-apply">{t('fees.mi.apply', { n: toWrite })}</Button>}
      </Space>
    );
    if (step === 'import' && applied) return <Button type="primary" onClick={onClose} data-testid="meters-finish">{t('import.finish')}</Button>;
    if (step === 'import') return <Button onClick={() => w.back('check')}>{t('import.back')}</Button>;
    return <Button onClick={onClose}>{t('import.close')}</Button>;
  })();

  return (
    <WizardFrame open={open} testId="meters" title={t('fees.mi.title')} step={step} running={running} error={error} cancelled={cancelled}
      footer={footer} onClose={onClose}>
      {body}
    </WizardFrame>
  );
}

import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Result, Space, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { ApplyResult, ValidateResult } from '../../../../../db/registry/import/import';
import { call } from '../../../api';
import { errorText } from '../../../app/errors';
import { useI18n } from '../../../i18n';
import { ColumnMapping, MappingPreview, SheetChoice, WizardFrame } from '../../../shared/ImportSteps';
import { useImportWizard } from '../../../shared/useImportWizard';
import { downloadFile } from '../../../shared/transfer';
import { FileDrop, JobProgress } from '../../../shared/WizardParts';

/**
 * The import wizard: choose a file (uploaded in chunks, with progress) → map its columns
 * (suggested from the headers, with a preview) → check every row (progress, cancel; the
 * counts, the bad rows and a downloadable error report) → confirm "import N valid rows"
 * (one transaction; progress, cancel) → done. Nothing is written before that confirmation.
 */
export function ImportWizard({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [checked, setChecked] = useState<ValidateResult | null>(null);
  const [applied, setApplied] = useState<ApplyResult | null>(null);
  const w = useImportWizard({
    open,
    inspect: (args) => call('registry.import.inspect', args),
    onReset: () => { setChecked(null); setApplied(null); },
  });
  const { step, inspected: inspect, error, job, cancelled, running } = w;

  async function check() {
    w.setStep('check');
    setChecked(null);
    const s = await w.runJob(() => call('registry.import.validate', { ...w.sheetRequest(), locale }));
    if (s) {
      const v = s.result as ValidateResult;
      if (v.errorFile) w.keep(v.errorFile.fileId);
      setChecked(v);
    }
  }

  async function apply() {
    w.setStep('import');
    setApplied(null);
    const s = await w.runJob(() => call('registry.import.apply', w.sheetRequest()));
    if (s) {
      setApplied(s.result as ApplyResult);
      onImported();
    }
  }

  async function saveTemplate() {
    try {
      const f = await call('registry.import.template', { locale });
      await downloadFile(f.fileId);
    } catch (e) {
      void message.error(errorText(e, locale, t('common.error')));
    }
  }

  let body: ReactNode = null;
  if (step === 'file') {
    body = (
      <Flex vertical gap={12}>
        <FileDrop testId="import" hint={t('import.file.hint')} disabled={running} upload={w.upload} failed={!!error} onFile={(f) => void w.choose(f)} />
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{t('import.template.hint')}</Typography.Text>
          <Button icon={<DownloadOutlined />} onClick={() => void saveTemplate()} data-testid="import-template">{t('import.template')}</Button>
        </Flex>
      </Flex>
    );
  } else if (step === 'map' && inspect) {
    body = (
      <Flex vertical gap={12}>
        <SheetChoice testId="import" inspected={inspect} running={running} onSheet={(sheet, row) => void w.reinspect(sheet, row)} />
        {inspect.problems.map((p) => <Alert key={p.code} type="error" showIcon message={p.message[locale]} data-testid="import-problem" />)}
        {inspect.recognised === 0
          ? <Alert type="warning" showIcon message={t('import.map.nothing')} data-testid="import-nothing-recognised" />
          : <Typography.Text type="secondary">{t('import.map.intro', { n: inspect.recognised })}</Typography.Text>}
        <ColumnMapping testId="import" selectTestId={(k) => `map-${k}`} inspected={inspect} mapping={w.mapping} onChange={w.setMapping} />
        <Typography.Text strong>{t('import.map.preview', { n: inspect.preview.length, total: inspect.dataRows })}</Typography.Text>
        <MappingPreview testId="import" inspected={inspect} mapping={w.mapping} />
      </Flex>
    );
  } else if (step === 'check') {
    body = job ? <JobProgress testId="import" job={job} /> : checked ? (
      <Flex vertical gap={12} data-testid="import-check-result">
        <Flex gap={24} wrap>
          <Typography.Text data-testid="count-valid"><Tag color="green">{t('import.check.valid')}</Tag>{checked.valid}</Typography.Text>
          <Typography.Text data-testid="count-invalid"><Tag color={checked.invalid ? 'red' : 'default'}>{t('import.check.invalid')}</Tag>{checked.invalid}</Typography.Text>
          <Typography.Text data-testid="count-empty"><Tag>{t('import.check.empty')}</Tag>{checked.empty}</Typography.Text>
        </Flex>
        <Typography.Text data-testid="import-plan">{t('import.check.plan', {
          buildings: checked.counts.buildingsNew, units: checked.counts.unitsNew, roomsNew: checked.counts.roomsNew,
          roomsChanged: checked.counts.roomsChanged, roomsUnchanged: checked.counts.roomsUnchanged,
          occupantsNew: checked.counts.occupantsNew, occupantsChanged: checked.counts.occupantsChanged, occupantsUnchanged: checked.counts.occupantsUnchanged,
        })}</Typography.Text>
        {checked.invalid === 0 ? <Alert type="success" showIcon message={t('import.check.allGood')} /> : (
          <>
            <Flex justify="space-between" align="center">
              <Typography.Text strong>{t('import.check.errors', { shown: checked.errors.length, total: checked.invalid })}</Typography.Text>
              <Button icon={<DownloadOutlined />} onClick={() => void w.saveReport(checked.errorFile?.fileId)} data-testid="download-errors">{t('import.check.download')}</Button>
            </Flex>
            <Table
              size="small"
              rowKey="row"
              dataSource={checked.errors}
              pagination={{ pageSize: 8, showSizeChanger: false, hideOnSinglePage: true }}
              data-testid="import-errors"
              columns={[
                { title: t('import.check.row'), dataIndex: 'row', width: 70 },
                { title: t('import.check.reason'), dataIndex: 'reasons', render: (rs: ValidateResult['errors'][number]['reasons']) => rs.map((r) => r.message[locale]).join(locale === 'zh-CN' ? '；' : '; ') },
              ]}
            />
          </>
        )}
        {checked.notes.length > 0 && (
          <Alert type="info" showIcon message={t('import.check.notes', { n: checked.notesTotal })}
            description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{checked.notes.slice(0, 5).map((n) => <li key={n.row}>{t('import.check.row')} {n.row}: {n.note.message[locale]}</li>)}</ul>} />
        )}
        {checked.valid > 0 && <Typography.Text type="secondary">{t('import.apply.note', { invalid: checked.invalid })}</Typography.Text>}
      </Flex>
    ) : null;
  } else if (step === 'import') {
    body = job ? <JobProgress testId="import" job={job} /> : applied ? (
      <Result status="success" title={t('import.done.title')} data-testid="import-done"
        subTitle={t('import.done.sub', { roomsNew: applied.counts.roomsNew, roomsChanged: applied.counts.roomsChanged, occupantsNew: applied.counts.occupantsNew, occupantsChanged: applied.counts.occupantsChanged, skipped: applied.invalid })} />
    ) : null;
  }

  const footer = (() => {
    if (running) return null;
    if (step === 'map') {
      return (
        <Space>
          <Button onClick={w.reset}>{t('import.another')}</Button>
          <Button type="primary" disabled={!inspect || inspect.problems.length > 0} onClick={() => void check()} data-testid="import-check">{t('import.check.run')}</Button>
        </Space>
      );
    }
    if (step === 'check') {
      return (
        <Space>
          <Button onClick={() => w.back('map')} data-testid="import-back">{t('import.back')}</Button>
          {checked && checked.valid > 0 && (
            <Button type="primary" onClick={() => void apply()} data-testid="import-apply">{t('import.apply', { n: checked.valid })}</Button>
          )}
        </Space>
      );
    }
    if (step === 'import' && applied) return <Button type="primary" onClick={onClose} data-testid="import-finish">{t('import.finish')}</Button>;
    if (step === 'import') return <Button onClick={() => w.back('check')}>{t('import.back')}</Button>;
    return <Button onClick={onClose}>{t('import.close')}</Button>;
  })();

  return (
    <WizardFrame open={open} testId="import" title={t('import.title')} step={step} running={running} error={error} cancelled={cancelled}
      footer={footer} onClose={onClose}>
      {body}
    </WizardFrame>
  );
}

import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Flex, InputNumber, Modal, Result, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import './import.css';
import type { OpOutput } from '../../../../../db/api/types';
import type { ApplyResult, ValidateResult } from '../../../../../db/registry/import/import';
import { call } from '../../../api';
import { errorText } from '../../../app/errors';
import { useI18n } from '../../../i18n';
import { discardFile, downloadFile, uploadFile } from '../../../shared/transfer';
import { useJobRun } from '../../../shared/useJobRun';
import { FileDrop, JobProgress, type UploadState } from '../../../shared/WizardParts';

type Inspect = OpOutput<'registry.import.inspect'>;
type Field = Inspect['fields'][number]['key'];
type Mapping = Partial<Record<Field, number>>;
type Step = 'file' | 'map' | 'check' | 'import';
const STEPS: Step[] = ['file', 'map', 'check', 'import'];

/**
 * The import wizard: choose a file (uploaded in chunks, with progress) → map its columns
 * (suggested from the headers, with a preview) → check every row (progress, cancel; the
 * counts, the bad rows and a downloadable error report) → confirm "import N valid rows"
 * (one transaction; progress, cancel) → done. Nothing is written before that confirmation.
 */
export function ImportWizard({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [step, setStep] = useState<Step>('file');
  const [upload, setUpload] = useState<UploadState | null>(null);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [inspect, setInspect] = useState<Inspect | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [busy, setBusy] = useState(false);
  const [checked, setChecked] = useState<ValidateResult | null>(null);
  const [applied, setApplied] = useState<ApplyResult | null>(null);
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
    setApplied(null);
    setCancelled(false);
  }

  // Files this wizard made are forgotten when it closes.
  useEffect(() => {
    if (open) return;
    for (const id of files.current.splice(0)) discardFile(id);
    reset();
  }, [open]);

  async function choose(file: File) {
    reset();
    setBusy(true);
    setUpload({ name: file.name, sent: 0, total: file.size });
    try {
      const id = await uploadFile(file, (sent, total) => setUpload({ name: file.name, sent, total }));
      files.current.push(id);
      setUploadId(id);
      const ins = await call('registry.import.inspect', { uploadId: id });
      setInspect(ins);
      setMapping(ins.suggestion);
      setStep('map');
    } catch (e) {
      setUpload(null); // refused (too large, not a spreadsheet…): the message says why
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
      const ins = await call('registry.import.inspect', { uploadId, sheet, headerRow });
      setInspect(ins);
      setMapping(ins.suggestion);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  const request = () => ({ uploadId: uploadId!, sheet: inspect!.sheet, headerRow: inspect!.headerRow, mapping });

  async function check() {
    setStep('check');
    setChecked(null);
    const s = await runJob(() => call('registry.import.validate', { ...request(), locale }));
    if (s) {
      const v = s.result as ValidateResult;
      if (v.errorFile) files.current.push(v.errorFile.fileId);
      setChecked(v);
    }
  }

  async function apply() {
    setStep('import');
    setApplied(null);
    const s = await runJob(() => call('registry.import.apply', request()));
    if (s) {
      setApplied(s.result as ApplyResult);
      onImported();
    }
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
  const columnOptions = useMemo(() => (inspect?.columns ?? []).map((c) => ({
    value: c.index,
    label: `${c.letter} · ${c.header || t('import.map.noHeader')}`,
  })), [inspect, t]);
  const usedBy = useMemo(() => {
    const m = new Map<number, number>();
    for (const v of Object.values(mapping)) if (v !== undefined) m.set(v, (m.get(v) ?? 0) + 1);
    return m;
  }, [mapping]);

  let body: ReactNode = null;
  async function saveTemplate() {
    try {
      const f = await call('registry.import.template', { locale });
      await downloadFile(f.fileId);
    } catch (e) {
      void message.error(errorText(e, locale, t('common.error')));
    }
  }

  if (step === 'file') {
    body = (
      <Flex vertical gap={12}>
        <FileDrop testId="import" hint={t('import.file.hint')} disabled={running} upload={upload} failed={!!error} onFile={(f) => void choose(f)} />
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{t('import.template.hint')}</Typography.Text>
          <Button icon={<DownloadOutlined />} onClick={() => void saveTemplate()} data-testid="import-template">{t('import.template')}</Button>
        </Flex>
      </Flex>
    );
  } else if (step === 'map' && inspect) {
    const fields = inspect.fields;
    body = (
      <Flex vertical gap={12}>
        <Descriptions size="small" column={3} items={[
          { key: 'f', label: t('import.map.file'), children: <span data-testid="import-file-name">{inspect.file.name}</span> },
          { key: 's', label: t('import.map.sheet'), children: inspect.sheets.length > 1
            ? <Select size="small" style={{ minWidth: 160 }} value={inspect.sheet} disabled={running} onChange={(s) => void reinspect(s)}
              options={inspect.sheets.map((s) => ({ value: s.name, label: `${s.name} (${s.rows})` }))} />
            : inspect.sheet },
          { key: 'h', label: t('import.map.headerRow'), children: <InputNumber size="small" min={1} max={1000} value={inspect.headerRow} disabled={running}
            onChange={(v) => typeof v === 'number' && v !== inspect.headerRow && void reinspect(inspect.sheet, v)} data-testid="import-header-row" /> },
        ]} />
        {inspect.problems.map((p) => <Alert key={p.code} type="error" showIcon message={p.message[locale]} data-testid="import-problem" />)}
        {inspect.recognised === 0
          ? <Alert type="warning" showIcon message={t('import.map.nothing')} data-testid="import-nothing-recognised" />
          : <Typography.Text type="secondary">{t('import.map.intro', { n: inspect.recognised })}</Typography.Text>}
        <div className="import-mapping" data-testid="import-mapping">
          {fields.map((f) => {
            const col = mapping[f.key];
            return (
              <Flex key={f.key} align="center" gap={8} className="import-mapping-row">
                <span className="import-mapping-label">{label(f)}</span>
                <Select<number>
                  size="small"
                  allowClear
                  placeholder={t('import.map.none')}
                  style={{ flex: 1, minWidth: 0 }}
                  value={col}
                  status={col !== undefined && (usedBy.get(col) ?? 0) > 1 ? 'error' : undefined}
                  options={columnOptions}
                  onChange={(v) => setMapping((m) => {
                    const next = { ...m };
                    if (v === undefined || v === null) delete next[f.key];
                    else next[f.key] = v;
                    return next;
                  })}
                  data-testid={`map-${f.key}`}
                />
              </Flex>
            );
          })}
        </div>
        <Typography.Text strong>{t('import.map.preview', { n: inspect.preview.length, total: inspect.dataRows })}</Typography.Text>
        <Table
          size="small"
          rowKey="row"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={inspect.preview}
          data-testid="import-preview"
          columns={[
            { title: t('import.map.rowNo'), dataIndex: 'row', width: 60, fixed: 'left' },
            ...inspect.columns.map((c) => {
              const field = fields.find((f) => mapping[f.key] === c.index);
              return {
                key: c.letter,
                title: (
                  <Flex vertical gap={2}>
                    <span>{c.letter} · {c.header}</span>
                    {field ? <Tag color="blue" style={{ marginInlineEnd: 0 }}>{label(field)}</Tag> : <Tag style={{ marginInlineEnd: 0 }}>{t('import.map.none')}</Tag>}
                  </Flex>
                ),
                render: (_: unknown, r: Inspect['preview'][number]) => <span style={{ whiteSpace: 'nowrap' }}>{r.cells[c.index - 1]}</span>,
              };
            }),
          ]}
        />
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
              <Button icon={<DownloadOutlined />} onClick={() => void saveReport()} data-testid="download-errors">{t('import.check.download')}</Button>
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
          <Button onClick={reset}>{t('import.another')}</Button>
          <Button type="primary" disabled={!inspect || inspect.problems.length > 0} onClick={() => void check()} data-testid="import-check">{t('import.check.run')}</Button>
        </Space>
      );
    }
    if (step === 'check') {
      return (
        <Space>
          <Button onClick={() => { setStep('map'); setError(null); setCancelled(false); }} data-testid="import-back">{t('import.back')}</Button>
          {checked && checked.valid > 0 && (
            <Button type="primary" onClick={() => void apply()} data-testid="import-apply">{t('import.apply', { n: checked.valid })}</Button>
          )}
        </Space>
      );
    }
    if (step === 'import' && applied) return <Button type="primary" onClick={onClose} data-testid="import-finish">{t('import.finish')}</Button>;
    if (step === 'import') return <Button onClick={() => { setStep('check'); setError(null); setCancelled(false); }}>{t('import.back')}</Button>;
    return <Button onClick={onClose}>{t('import.close')}</Button>;
  })();

  return (
    <Modal
      open={open}
      title={t('import.title')}
      width={1040}
      onCancel={() => !running && onClose()}
      closable={!running}
      maskClosable={false}
      keyboard={!running}
      footer={footer}
      destroyOnHidden
    >
      <Flex vertical gap={16} data-testid="import-wizard">
        <Steps size="small" current={STEPS.indexOf(step)} items={STEPS.map((s) => ({ title: t(`import.step.${s}`) }))} />
        {error && <Alert type="error" showIcon message={error} data-testid="import-error" />}
        {cancelled && <Alert type="info" showIcon message={t('import.cancelled')} data-testid="import-cancelled" />}
        {body}
      </Flex>
    </Modal>
  );
}

import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Flex, Form, Modal, Progress, Row, Select, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { OpInput, OpOutput } from '../../../../db/api/types';
import type { ImportResult } from '../../../../db/archives/excel';
import { ApiFailure, call } from '../../api';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../i18n';
import { JobDownloadButton } from '../../shared/JobDownloadButton';
import { discardFile, followJob, uploadFile } from '../../shared/transfer';

type Inspect = OpOutput<'archives.importInspect'>;
type Mapping = OpInput<'archives.importCheck'>['mapping'];
type Checked = OpOutput<'archives.importCheck'>;

/** The catalogue (or the class / year searched) to .xlsx, made by a job and fetched in chunks. */
export function ExportButton({ codePrefix, year }: { codePrefix?: string; year?: number }) {
  const { t, locale } = useI18n();
  return (
    <JobDownloadButton start={() => call('archives.export', { locale, codePrefix, year })} testId="export-catalogue">{t('arch.xl.export')}</JobDownloadButton>
  );
}

/** An existing Excel catalogue in: choose the file, map columns (suggested), check the rows, import the good ones. */
export function ImportModal({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [seen, setSeen] = useState<Inspect | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [form] = Form.useForm<Mapping>();
  const L = locale === 'zh-CN' ? 'zh' : 'en';

  const close = () => {
    discardFile(uploadId);
    setUploadId(null);
    setSeen(null);
    setChecked(null);
    onClose();
  };
  async function choose(file: File) {
    setBusy(true);
    try {
      discardFile(uploadId);
      const id = await uploadFile(file, () => undefined);
      const s = await call('archives.importInspect', { uploadId: id });
      setUploadId(id);
      setSeen(s);
      setChecked(null);
      form.setFieldsValue(s.suggestion);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  }
  async function check() {
    if (!uploadId) return;
    setBusy(true);
    try {
      setChecked(await call('archives.importCheck', { uploadId, mapping: form.getFieldsValue() }));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  }
  async function apply() {
    if (!uploadId) return;
    setBusy(true);
    try {
      const { jobId } = await call('archives.importApply', { uploadId, mapping: form.getFieldsValue() });
      const s = await followJob(jobId, (st) => setProgress(st.total ? Math.round((st.done / st.total) * 100) : 0));
      if (s.state !== 'done') throw s.error ? new ApiFailure(s.error) : new Error(`import ${s.state}`);
      const r = s.result as ImportResult;
      void message.success(t('arch.xl.imported', { n: r.imported, first: r.first ?? '—', last: r.last ?? '—' }));
      onDone();
      close();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  const columns = (seen?.columns ?? []).map((c) => ({ value: c.index, label: `${c.letter} ${c.header}` }));
  return (
    <Modal open={open} title={t('arch.xl.import')} width={980} onCancel={close} destroyOnHidden
      footer={<Flex gap={8} justify="end">
        <Button onClick={close}>{t('common.cancel')}</Button>
        <Button disabled={!seen} loading={busy} onClick={() => void check()} data-testid="import-check">{t('arch.xl.check')}</Button>
        <Button type="primary" disabled={!checked || checked.good === 0} loading={busy} onClick={() => void apply()} data-testid="import-apply">{t('arch.xl.apply', { n: checked?.good ?? 0 })}</Button>
      </Flex>}>
      <Flex vertical gap={12}>
        <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => { void choose(f); return false; }}>
          <Button icon={<UploadOutlined />} loading={busy && !seen} data-testid="import-file">{t('arch.xl.choose')}</Button>
        </Upload>
        {seen && (
          <>
            <Typography.Text>{t('arch.xl.found', { file: seen.file, rows: seen.dataRows, header: seen.headerRow })}</Typography.Text>
            <Form form={form} name="archiveMapping" layout="vertical" onValuesChange={() => setChecked(null)}>
              <Row gutter={8}>
                {seen.fields.map((f) => (
                  <Col span={4} key={f.key}>
                    <Form.Item name={f.key} label={f[L]} style={{ marginBottom: 6 }}><Select allowClear options={columns} size="small" /></Form.Item>
                  </Col>
                ))}
              </Row>
            </Form>
            <Table size="small" pagination={false} rowKey="row" dataSource={seen.preview} scroll={{ x: true }}
              columns={[{ title: '#', dataIndex: 'row', width: 50 }, ...seen.columns.map((c) => ({ title: `${c.letter} ${c.header}`, key: c.letter, render: (_: unknown, r: Inspect['preview'][number]) => r.cells[c.index - 1] }))]} />
          </>
        )}
        {progress !== null && <Progress percent={progress} size="small" />}
        {checked && (
          <>
            <Alert type={checked.errors.length ? 'warning' : 'success'} showIcon message={t('arch.xl.checked', { good: checked.good, bad: checked.rows - checked.good })} data-testid="import-summary" />
            {checked.errors.length > 0 && (
              <Table size="small" rowKey="row" dataSource={checked.errors} pagination={{ pageSize: 8, hideOnSinglePage: true }} data-testid="import-errors"
                columns={[
                  { title: t('arch.xl.row'), dataIndex: 'row', width: 70 },
                  { title: t('arch.xl.problem'), render: (_, r) => r.errors.map((e) => e.message[locale]).join('；') },
                ]} />
            )}
          </>
        )}
      </Flex>
    </Modal>
  );
}

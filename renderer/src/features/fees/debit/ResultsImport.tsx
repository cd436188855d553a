import { Alert, Button, Flex, Modal, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { DebitImportResult, DebitImportRow } from '../../../../../db/fees/debit/results-ops';
import { call } from '../../../api';
import { errorText } from '../../../app/errors';
import { useI18n } from '../../../i18n';
import { uploadFile } from '../../../shared/transfer';
import { formatYuan } from '../shared';

const STATUS_COLOR = { pay: 'green', fail: 'orange', already: 'default', error: 'red' } as const;

/**
 * The bank's returned sheet for one batch: uploaded, imported whole or refused whole, and
 * every row reported (its receipt, its failure reason, or why it cannot be imported).
 */
export function ResultsImport({ batch, onClose }: { batch: { id: string; number: string } | null; onClose(changed: boolean): void }) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<DebitImportResult | null>(null);

  async function run(file: File) {
    setBusy(file.name);
    setError(null);
    setResult(null);
    try {
      const uploadId = await uploadFile(file, () => undefined);
      setResult(await call('fees.debit.import', { batchId: batch!.id, uploadId }));
    } catch (e) {
      setError(errorText(e, locale, t('common.error')));
    } finally {
      setBusy(null);
    }
  }
  const close = () => {
    const changed = !!result?.applied;
    setResult(null);
    setError(null);
    onClose(changed);
  };

  return (
    <Modal open={!!batch} width={900} title={t('fees.debit.importTitle', { number: batch?.number ?? '' })} onCancel={() => !busy && close()} destroyOnHidden
      footer={<Button onClick={close} disabled={!!busy} data-testid="debit-import-close">{t('common.close')}</Button>}>
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary">{t('fees.debit.importHelp')}</Typography.Paragraph>
        <div data-testid="debit-results-file">
          <Upload.Dragger accept=".xlsx" multiple={false} showUploadList={false} disabled={!!busy} beforeUpload={(f) => { void run(f); return false; }}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{busy ? t('fees.debit.importing', { name: busy }) : t('import.file.drop')}</p>
          </Upload.Dragger>
        </div>
        {error && <Alert type="error" showIcon message={error} data-testid="debit-import-error" />}
        {result && (result.applied
          ? <Alert type="success" showIcon data-testid="debit-import-done"
            message={t('fees.debit.applied', { paid: result.counts.paid, failed: result.counts.failed, already: result.counts.already })} />
          : <Alert type="error" showIcon data-testid="debit-import-refused" message={result.refusal?.message[locale]} />)}
        {result && (
          <Table<DebitImportRow> rowKey="row" size="small" dataSource={result.rows} pagination={{ pageSize: 50, hideOnSinglePage: true }}
            data-testid="debit-import-rows"
            columns={[
              { title: t('fees.debit.row'), dataIndex: 'row', width: 56 },
              { title: t('fees.debit.reference'), dataIndex: 'reference' },
              { title: t('fees.room'), dataIndex: 'room' },
              { title: t('fees.amount'), dataIndex: 'amount', align: 'right',
                render: (v: number | null) => (v === null || Number.isNaN(v) ? '' : formatYuan(v)) },
              { title: t('fees.debit.result'), dataIndex: 'status',
                render: (s: DebitImportRow['status']) => <Tag color={STATUS_COLOR[s]}>{t(`fees.debit.status.${s}`)}</Tag> },
              { title: t('fees.debit.receipt'), key: 'r', render: (_, r) => r.receipt?.number ?? '' },
              { title: t('fees.debit.message'), key: 'm', render: (_, r) => r.error?.message[locale] ?? r.reason },
            ]} />
        )}
      </Flex>
    </Modal>
  );
}

import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Modal, Progress, Typography } from 'antd';
import { useState } from 'react';
import type { ExportResult } from '../../../../../db/registry/export';
import { call } from '../../../api';
import { errorText } from '../../../app/errors';
import { useSession } from '../../../app/session';
import { useI18n } from '../../../i18n';
import { ImportWizard } from './ImportWizard';
import { cancelJob, downloadFile, followJob, type JobStatus } from '../../../shared/transfer';

/**
 * The registry toolbar's Excel buttons: import (registry writers only; the store refuses
 * everyone else anyway) opens the wizard; export runs a job with progress and saves the
 * workbook when it is ready.
 */
export function ImportExportButtons({ onChanged }: { onChanged?: () => void | Promise<void> }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { can } = useSession();
  const [wizard, setWizard] = useState(false);
  const [exporting, setExporting] = useState<{ id: string | null; status: JobStatus | null } | null>(null);

  async function exportAll() {
    setExporting({ id: null, status: null });
    try {
      const { jobId } = await call('registry.export', { locale });
      setExporting({ id: jobId, status: null });
      const last = await followJob(jobId, (s) => setExporting({ id: jobId, status: s }));
      if (last.state === 'done') {
        const r = last.result as ExportResult;
        await downloadFile(r.fileId);
        void message.success(t('import.export.done', { rooms: r.rooms, occupants: r.occupants, name: r.name }));
      } else if (last.state === 'failed') {
        void message.error(last.error?.message[locale] ?? t('common.error'));
      }
    } catch (e) {
      void message.error(errorText(e, locale, t('common.error')));
    } finally {
      setExporting(null);
    }
  }

  const s = exporting?.status;
  return (
    <>
      {can('registry.write') && <Button icon={<UploadOutlined />} onClick={() => setWizard(true)} data-testid="import-open">{t('import.button')}</Button>}
      {can('registry.read') && <Button icon={<DownloadOutlined />} loading={exporting !== null} onClick={() => void exportAll()} data-testid="export-run">{t('import.export')}</Button>}
      <ImportWizard open={wizard} onClose={() => setWizard(false)} onImported={() => void onChanged?.()} />
      <Modal open={exporting !== null} title={t('import.export.title')} closable={false} maskClosable={false} keyboard={false}
        footer={<Button onClick={() => exporting?.id && void cancelJob(exporting.id)}>{t('common.cancel')}</Button>}>
        <Flex vertical gap={8} data-testid="export-progress">
          <Typography.Text>{t('import.export.running')}{s && s.total > 0 ? ` · ${s.done} / ${s.total}` : ''}</Typography.Text>
          <Progress percent={s && s.total ? Math.floor((s.done / s.total) * 100) : 0} status="active" />
        </Flex>
      </Modal>
    </>
  );
}

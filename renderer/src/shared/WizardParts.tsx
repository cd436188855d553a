import { FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Typography, Upload } from 'antd';
import { useI18n, type MessageKey } from '../i18n';
import { cancelJob, type JobStatus } from './transfer';

/**
 * The pieces every import wizard shows the same way (the registry's and the meter
 * readings'): the file drop with its upload progress, and a running job's progress line
 * with its cancel button. `testId` names each wizard's own (import-…, meters-…).
 */

/** The phases a job reports, as the progress line says them. */
const PHASES: Record<string, MessageKey> = {
  queued: 'import.phase.queued',
  reading: 'import.phase.reading',
  checking: 'import.phase.checking',
  comparing: 'import.phase.comparing',
  report: 'import.phase.report',
  writing: 'import.phase.writing',
  done: 'import.phase.done',
};

export interface UploadState {
  name: string;
  sent: number;
  total: number;
}

export function FileDrop({ testId, hint, disabled, upload, failed, onFile }: {
  testId: string;
  hint: string;
  disabled: boolean;
  upload: UploadState | null;
  failed: boolean;
  onFile(file: File): void;
}) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={16}>
      <div data-testid={`${testId}-file`}>
        <Upload.Dragger accept=".xlsx,.csv,.txt" multiple={false} showUploadList={false} disabled={disabled}
          beforeUpload={(file) => { onFile(file); return false; }}>
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{t('import.file.drop')}</p>
          <p className="ant-upload-hint">{hint}</p>
        </Upload.Dragger>
      </div>
      {upload && (
        <Flex vertical gap={4} data-testid="upload-progress">
          <Typography.Text><FileExcelOutlined /> {upload.sent < upload.total ? t('import.file.uploading', { name: upload.name }) : t('import.file.reading', { name: upload.name })}</Typography.Text>
          <Progress percent={upload.total ? Math.floor((upload.sent / upload.total) * 100) : 0} status={failed ? 'exception' : 'active'} />
        </Flex>
      )}
    </Flex>
  );
}

export function JobProgress({ testId, job }: { testId: string; job: { id: string; status: JobStatus | null } }) {
  const { t } = useI18n();
  const s = job.status;
  return (
    <Flex vertical gap={8} data-testid={`${testId}-progress`}>
      <Typography.Text>{t(s ? PHASES[s.phase] ?? 'import.phase.queued' : 'import.phase.queued')}{s && s.total > 0 ? ` · ${s.done} / ${s.total}` : ''}</Typography.Text>
      <Progress percent={s && s.total ? Math.min(100, Math.floor((s.done / s.total) * 100)) : 0} status="active" />
      <div><Button onClick={() => void cancelJob(job.id)} data-testid={`${testId}-cancel`}>{t('common.cancel')}</Button></div>
    </Flex>
  );
}

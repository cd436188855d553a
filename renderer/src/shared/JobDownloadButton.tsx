import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiFailure } from '../api';
import { useShowError } from '../app/errors';
import { useI18n } from '../i18n';
import { cancelJob, downloadFile, followJob } from './transfer';

/**
 * A workbook made by a job and fetched when ready: the button shows how far the job has got,
 * and a second button stops it (a stopped export leaves no file behind).
 */
export function JobDownloadButton({ start, children, testId }: { start: () => Promise<{ jobId: string }>; children: ReactNode; testId: string }) {
  const { t } = useI18n();
  const showError = useShowError();
  const [job, setJob] = useState<{ id: string; percent: number | null } | null>(null);
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      const { jobId } = await start();
      setJob({ id: jobId, percent: null });
      const s = await followJob(jobId, (st) => setJob({ id: jobId, percent: st.total ? Math.floor((st.done / st.total) * 100) : null }));
      if (s.state === 'cancelled') return;
      if (s.state !== 'done') throw s.error ? new ApiFailure(s.error) : new Error(`export ${s.state}`);
      await downloadFile((s.result as { fileId: string }).fileId);
    } catch (e) {
      showError(e);
    } finally {
      setJob(null);
      setBusy(false);
    }
  }
  return (
    <Space.Compact>
      <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid={testId}>
        {children}{job?.percent != null ? ` ${job.percent}%` : ''}
      </Button>
      {job && <Button onClick={() => void cancelJob(job.id).catch(showError)} data-testid={`${testId}-cancel`}>{t('common.cancel')}</Button>}
    </Space.Compact>
  );
}

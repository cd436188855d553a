import { useState } from 'react';
import { errorText } from '../app/errors';
import { useI18n } from '../i18n';
import { followJob, type JobStatus } from './transfer';

/**
 * What an import wizard keeps about its long steps: the job running (for its progress bar
 * and cancel button), whether the last one was cancelled, and the error to show. runJob
 * starts a job, follows it to its end and answers its final status when it finished well.
 * The registry's and the meter readings' wizards both run their steps through it.
 */
export function useJobRun() {
  const { t, locale } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [job, setJob] = useState<{ id: string; status: JobStatus | null } | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const fail = (e: unknown) => setError(errorText(e, locale, t('common.error')));

  async function runJob(start: () => Promise<{ jobId: string }>): Promise<JobStatus | null> {
    setError(null);
    setCancelled(false);
    try {
      const { jobId } = await start();
      setJob({ id: jobId, status: null });
      const last = await followJob(jobId, (s) => setJob({ id: jobId, status: s }));
      setJob(null);
      if (last.state === 'failed') setError(last.error ? last.error.message[locale] : t('common.error'));
      if (last.state === 'cancelled') setCancelled(true);
      return last.state === 'done' ? last : null;
    } catch (e) {
      setJob(null);
      fail(e);
      return null;
    }
  }

  return { error, setError, job, setJob, cancelled, setCancelled, fail, runJob };
}

import { Alert, App, Button, Card, Descriptions, Flex, Input, InputNumber, Progress, Typography } from 'antd';
import { Form } from '../../shared/Form';
import { useState } from 'react';
import { ApiFailure, call } from '../../api';
import { useShowError } from '../../app/errors';
import { Refused } from '../../app/Refused';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { followJob, type JobStatus } from '../../shared/transfer';
import { HeadOfficeView } from './HeadOfficeView';
import { ReferenceCard } from './ReferenceCard';

/** 同步: the site's view (folder, joining, export, status) or head office's (sites, import, report). */
export function SyncPage() {
  const { data, error, reload } = useLoad(() => call('sync.status', {}), []);
  if (error) return <Refused error={error} />;
  if (!data) return null;
  return (
    <Flex vertical gap={16} data-testid="sync-page">
      <FolderCard folder={data.folder} onSaved={reload} />
      {data.mode === 'head_office' ? <HeadOfficeView folderSet={data.folder !== null} /> : <SiteView status={data} onChanged={reload} />}
      <ReferenceCard mode={data.mode} ready={data.folder !== null && (data.mode === 'head_office' || data.headOffice?.status === 'approved')} />
    </Flex>
  );
}

function FolderCard({ folder, onSaved }: { folder: string | null; onSaved(): Promise<void> }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  async function save(v: { folder: string }) {
    try {
      await call('sync.setFolder', v);
      void message.success(t('common.saved'));
      await onSaved();
    } catch (e) {
      showError(e);
    }
  }
  return (
    <Card title={t('sync.folder')} size="small">
      <Form layout="inline" onFinish={save} initialValues={{ folder: folder ?? '' }} disabled={!can('sync.manage')}>
        <Form.Item name="folder" rules={[{ required: true, message: t('common.required') }]} extra={t('sync.folderHelp')} style={{ flex: 1 }}>
          <Input placeholder={t('sync.folderNone')} data-testid="sync-folder" />
        </Form.Item>
        <Button htmlType="submit">{t('sync.folderSave')}</Button>
      </Form>
    </Card>
  );
}

type Status = Awaited<ReturnType<typeof call<'sync.status'>>>;

function SiteView({ status, onChanged }: { status: Status; onChanged(): Promise<void> }) {
  const { t, locale } = useI18n();
  const { can, refresh } = useSession();
  const showError = useShowError();
  const [job, setJob] = useState<JobStatus | null>(null);
  const [joined, setJoined] = useState<string | null>(null);

  async function exportNow() {
    try {
      const { jobId } = await call('sync.export', {});
      const last = await followJob(jobId, setJob);
      if (last.state === 'failed' && last.error) showError(new ApiFailure(last.error));
      await onChanged();
    } catch (e) {
      showError(e);
    }
  }
  async function join(v: { code: string }) {
    try {
      const r = await call('sync.join', v);
      await onChanged(); // the status shows this PC's new fingerprint before the message points to it
      await refresh(); // the desk's header takes the name head office gave the site
      setJoined(t('sync.site.joined', { own: r.fingerprint, hq: r.headOfficeFingerprint }));
    } catch (e) {
      showError(e);
    }
  }
  const result = job?.state === 'done' ? (job.result as { files: string[]; rows: number }) : null;
  return (
    <Card title={t('sync.site.title')} size="small">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('sync.site.code')}>{status.siteCode} · {status.siteName}</Descriptions.Item>
        <Descriptions.Item label={t('sync.site.fingerprint')}>
          <Typography.Text code data-testid="sync-fingerprint">{status.fingerprint ?? t('sync.site.noKey')}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('sync.site.headOffice')}>{status.headOffice ? `${status.headOffice.name} (${status.headOffice.code})` : t('sync.site.notJoined')}</Descriptions.Item>
      </Descriptions>
      <Flex vertical gap={8} style={{ marginTop: 16 }} data-testid="sync-status">
        <span>{t('sync.status.waiting', { n: status.waiting })}</span>
        <span>{status.acknowledged ? t('sync.status.ack', { through: status.acknowledged.through, at: status.acknowledged.atText }) : t('sync.status.noAck')}</span>
        <span data-testid="sync-auto">{status.autoEveryMinutes > 0 ? t('sync.auto.every', { n: status.autoEveryMinutes }) : t('sync.auto.off')}</span>
        {status.lastAutoText && <span data-testid="sync-auto-last">{t('sync.auto.last', { at: status.lastAutoText })}</span>}
        {status.lastError && <Alert type="warning" showIcon message={t('sync.status.lastError', { message: status.lastError.message[locale] })} />}
      </Flex>
      {can('sync.manage') && <AutoExportForm minutes={status.autoEveryMinutes} onSaved={onChanged} />}
      {!status.headOffice && can('sync.manage') && (
        <Form layout="inline" onFinish={join} style={{ marginTop: 16 }}>
          <Form.Item name="code" label={t('sync.site.joinCode')} rules={[{ required: true, message: t('common.required') }]}><Input style={{ width: 140 }} /></Form.Item>
          <Button htmlType="submit" disabled={!status.folder}>{t('sync.site.join')}</Button>
        </Form>
      )}
      {joined && <Alert type="info" showIcon message={joined} style={{ marginTop: 12 }} />}
      <Flex gap={12} align="center" style={{ marginTop: 16 }}>
        <Button type="primary" onClick={() => void exportNow()} loading={job?.state === 'running'} disabled={!status.folder || !status.fingerprint} data-testid="sync-export">{t('sync.export')}</Button>
        {job?.state === 'running' && <span>{t('sync.exporting', { done: job.done, total: job.total })}</span>}
        {job?.state === 'running' && job.total > 0 && <Progress percent={Math.floor((job.done * 100) / job.total)} style={{ width: 200 }} />}
        {result && <span data-testid="sync-exported">{t('sync.exported', { files: result.files.length, rows: result.rows })}</span>}
      </Flex>
    </Card>
  );
}

/** How often the site sends by itself: the administrator's one number. */
function AutoExportForm({ minutes, onSaved }: { minutes: number; onSaved(): Promise<void> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  async function save(v: { minutes: number }) {
    try {
      await call('sync.setAutoExport', v);
      void message.success(t('common.saved'));
      await onSaved();
    } catch (e) {
      showError(e);
    }
  }
  return (
    <Form layout="inline" onFinish={save} initialValues={{ minutes }} style={{ marginTop: 12 }}>
      <Form.Item name="minutes" label={t('sync.auto.minutes')} rules={[{ required: true, message: t('common.required') }]}>
        <InputNumber min={0} max={1440} precision={0} data-testid="sync-auto-minutes" />
      </Form.Item>
      <Button htmlType="submit" data-testid="sync-auto-save">{t('sync.auto.save')}</Button>
    </Form>
  );
}
